global using LiveInsight.Testing.DynamoDb;
global using static LiveInsight.Testing.DynamoDb.CollectorHarness;
