// Every test class drives the one jsii (Node.js) process behind the CDK; serial runs keep it simple and
// cost little, because each class synthesizes its stack once in a fixture.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
