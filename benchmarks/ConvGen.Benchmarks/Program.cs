using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ConvGen.Benchmarks;
using ConvGen.BenchmarkSupport;

// dotnet run -c Release --project benchmarks/ConvGen.Benchmarks -- --peak      the machine's single-core FMA peak
// dotnet run -c Release --project benchmarks/ConvGen.Benchmarks -- --quick     one pass over every layer, no BenchmarkDotNet
// dotnet run -c Release --project benchmarks/ConvGen.Benchmarks -- [BenchmarkDotNet args, e.g. --filter *Cifar*]
if (args.Contains("--peak"))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FMA peak, one core: {Peak.Measure():0.0} GFLOP/s"));
    return;
}

if (args.Contains("--quick"))
{
    QuickRun.Run(args.Where(a => a != "--quick").ToArray());
    return;
}

var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance))
    .AddColumn(new FlopsColumn(percentOfPeak: false, LayerFlops), new FlopsColumn(percentOfPeak: true, LayerFlops))
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(LayerBench).Assembly).Run(args, config);

// A layer benchmark's FLOPs (2·multiply-adds); every benchmark of this project is a LayerBench.
static double? LayerFlops(BenchmarkDotNet.Running.BenchmarkCase c) => ((LayerBench)Activator.CreateInstance(c.Descriptor.Type)!).Flops;
