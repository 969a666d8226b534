// The bench's sections, used by the program and the report alike.
global using LiveInsight.Benchmarks.Capacity;
global using LiveInsight.Benchmarks.ColdStart;
global using LiveInsight.Benchmarks.Cost;
global using LiveInsight.Benchmarks.HandlerCpu;
global using LiveInsight.Benchmarks.Realistic;
global using LiveInsight.Benchmarks.Throughput;
