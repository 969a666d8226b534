global using System.Globalization;
global using System.Net;
global using System.Text.Json;
global using LiveInsight.EndToEnd.Tests.Fixtures;
global using LiveInsight.Testing.DynamoDb;
global using LiveInsight.Testing.LocalHost;

// Each class here starts processes (the local host, and for the outage test a second DynamoDB Local JVM).
// On two cores, running classes side by side makes those start-ups fight for CPU and the whole run takes
// about twice as long as running them one after another (measured: ~90 s against ~40 s).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
