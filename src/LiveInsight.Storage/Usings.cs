global using Amazon.DynamoDBv2;
global using Amazon.DynamoDBv2.Model;
global using LiveInsight.Domain.Sessions;
global using LiveInsight.Domain.Storage;
global using static LiveInsight.Contracts.Tables.AttributeNames;
global using static LiveInsight.Storage.DynamoDb.ItemMapper;
global using static LiveInsight.Storage.DynamoDb.StoreCalls;
