using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ConvGen.PeerBenchmarks;

// dotnet run -c Release --project benchmarks/ConvGen.PeerBenchmarks -- --quick      each layer checked, then a quick timing
// dotnet run -c Release --project benchmarks/ConvGen.PeerBenchmarks -- --filter *   the BenchmarkDotNet run (any of its args)
if (args.Contains("--quick"))
{
    QuickRun.Run(args.Where(a => a != "--quick").ToArray());
    return;
}

var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(PeerBench).Assembly).Run(args, config);
