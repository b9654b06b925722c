using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ConvGen.BenchmarkSupport;
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
    .AddColumn(StatisticColumn.Median, new FlopsColumn(percentOfPeak: false, PeerFlops, median: true), new FlopsColumn(percentOfPeak: true, PeerFlops, median: true))
    .AddExporter(JsonExporter.Brief)
    .WithOptions(ConfigOptions.JoinSummary);
System.Console.WriteLine($"LibTorch's default thread count (its all-cores methods): {LibTorchThreads.Default}");
BenchmarkSwitcher.FromAssembly(typeof(PeerBench).Assembly).Run(args, config);

// A layer's FLOPs (2·multiply-adds; a gradient member has its convolution's); none for the models and the pooling.
static double? PeerFlops(BenchmarkDotNet.Running.BenchmarkCase c) =>
    typeof(IPeerLayer).IsAssignableFrom(c.Descriptor.Type) && ((IPeerLayer)System.Activator.CreateInstance(c.Descriptor.Type)!).Layer.MultiplyAdds is > 0 and var m
        ? 2.0 * m : null;
