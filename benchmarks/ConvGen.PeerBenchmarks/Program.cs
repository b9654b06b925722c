using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ConvGen.PeerBenchmarks;

// dotnet run -c Release --project benchmarks/ConvGen.PeerBenchmarks -- --quick      each layer checked, then a quick timing
// dotnet run -c Release --project benchmarks/ConvGen.PeerBenchmarks -- --filter *   the BenchmarkDotNet run (any of its args)
// dotnet run -c Release --project benchmarks/ConvGen.PeerBenchmarks -- --chart report-brief.json docs/images/speed-vs-peers.svg
if (args is ["--chart", var report, var svg])
{
    Chart.Write(report, svg);
    return;
}

if (args.Contains("--quick"))
{
    QuickRun.Run(args.Where(a => a != "--quick").ToArray());
    return;
}

System.Console.WriteLine($"Single-core FMA peak measured before the run: {ConvGen.Benchmarks.Peak.GflopsPerCore.Value:0.0} GFLOP/s");
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(StatisticColumn.Median, new PeerFlopsColumn(percentOfPeak: false), new PeerFlopsColumn(percentOfPeak: true))
    .AddExporter(JsonExporter.Brief)
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(PeerBench).Assembly).Run(args, config);
