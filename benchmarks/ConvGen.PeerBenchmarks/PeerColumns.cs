using System;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConvGen.Benchmarks;

namespace ConvGen.PeerBenchmarks;

/// <summary>A layer benchmark's GFLOP/s (2 · multiply-adds / median time), or that over the single-core FMA peak measured
/// in this process before the run. An all-cores row can pass 100%: the peak is one core's.</summary>
public sealed class PeerFlopsColumn(bool percentOfPeak) : IColumn
{
    public string Id => percentOfPeak ? "PeerPctPeak" : "PeerGFlops";
    public string ColumnName => percentOfPeak ? "% 1-core peak" : "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => percentOfPeak ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => percentOfPeak
        ? "GFLOP/s over one core's FMA peak (12 independent FMA chains of the widest vector), measured before the run"
        : "2 · multiply-adds / median time";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (summary[benchmarkCase]?.ResultStatistics is not { } stats) return "-";
        if (!typeof(PeerBench).IsAssignableFrom(benchmarkCase.Descriptor.Type)) return "-";
        var layer = ((PeerBench)Activator.CreateInstance(benchmarkCase.Descriptor.Type)!).Layer;
        if (layer.MultiplyAdds == 0) return "-";
        var gflops = 2.0 * layer.MultiplyAdds / stats.Median; // FLOP per ns = GFLOP/s
        return percentOfPeak
            ? (100 * gflops / Peak.GflopsPerCore.Value).ToString("0.0", CultureInfo.InvariantCulture) + "%"
            : gflops.ToString(gflops < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
    }
}
