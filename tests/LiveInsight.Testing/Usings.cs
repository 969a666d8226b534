global using System.Diagnostics;
global using System.Net;
global using Amazon.DynamoDBv2;
global using LiveInsight.Storage.DynamoDb;
