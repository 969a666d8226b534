global using System.Text.Json;
global using LiveInsight.Domain.Storage;
global using LiveInsight.Function.Api;
global using LiveInsight.LambdaRuntime.APIGatewayEvents;
global using LiveInsight.Testing.Storage;
global using Moq;
