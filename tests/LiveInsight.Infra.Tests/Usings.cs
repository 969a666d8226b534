global using Amazon.CDK.Assertions;
global using LiveInsight.Contracts.Routing;
global using LiveInsight.Contracts.Tables;
global using Newtonsoft.Json.Linq;
