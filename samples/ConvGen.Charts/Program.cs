using System;
using System.Globalization;
using System.IO;
using System.Text;
using ConvGen.SampleSupport;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

// The README's speed table as a chart: ConvGen against PyTorch, layer by layer, time per call on a log axis.
// Usage: dotnet run --project samples/ConvGen.Charts [output-directory]
// (default output directory: docs/images of the repository).

Console.OutputEncoding = Encoding.UTF8;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const double ns = 1e-3, us = 1, ms = 1e3; // times in µs

// Copied from README.md, section "## Speed", as of commit 410b9be: the rows of its Forward table and of its
// Transpose/WeightsGradient table (also in docs/performance.md) that have both a ConvGen and a PyTorch figure, with
// the "vs PyTorch" column (PyTorch's time over ConvGen's, from the unrounded times). Update them with the tables.
(string Layer, double ConvGen, double PyTorch, string VsPyTorch)[] rows =
[
    ("C1 H3 W3 → D2, 2×2", 7.3 * ns, 2.08 * us, "283×"),
    ("C1 H4 W4 → D1, 3×3 (the seed)", 7.7 * ns, 2.19 * us, "285×"),
    ("Sobel, constant weights, 4×4", 4.2 * ns, 2.19 * us, "524×"),
    ("C1 H28 W28 → D8, 5×5", 1.25 * us, 4.79 * us, "3.8×"),
    ("C3 H32 W32 → D16, 3×3", 3.21 * us, 7.53 * us, "2.3×"),
    ("C16 H32 W32 → D32, 3×3", 33.4 * us, 61.5 * us, "1.84×"),
    ("C64 H56 W56 → D64, 3×3", 1.05 * ms, 0.982 * ms, "0.94×"),
    ("C64 H28 W28 → D128, 1×1", 60.8 * us, 63.0 * us, "1.04×"),
    ("C3 H224 W224 → D64, 7×7, stride 2", 1.08 * ms, 1.022 * ms, "0.94×"),
    ("C16 H32 W32 → D32, 3×3, stride 2, padding 1", 13.4 * us, 50.3 * us, "3.7×"),
    ("depthwise C64 H56 W56, 3×3, padding 1", 29.7 * us, 88.6 * us, "3.0×"),
    ("ConvTranspose2D C32 H16 W16 → D16, 4×4, stride 2, padding 1", 36.1 * us, 56.5 * us, "1.57×"),
    ("C3 H32 W32 → D16, 3×3: Transpose", 4.06 * us, 11.8 * us, "2.9×"),
    ("C3 H32 W32 → D16, 3×3: WeightsGradient", 4.36 * us, 10.9 * us, "2.5×"),
    ("C16 H32 W32 → D32, 3×3: Transpose", 37.4 * us, 71.4 * us, "1.91×"),
    ("C16 H32 W32 → D32, 3×3: WeightsGradient", 46.5 * us, 77.9 * us, "1.67×"),
    ("C64 H56 W56 → D64, 3×3: Transpose", 1.01 * ms, 0.984 * ms, "0.98×"),
    ("C64 H56 W56 → D64, 3×3: WeightsGradient", 1.17 * ms, 1.023 * ms, "0.88×"),
];

var model = new PlotModel
{
    Title = "ConvGen vs PyTorch per layer: time per call (shorter is faster)",
    Subtitle = "Forward unless named; single thread, float32, batch 1; AMD EPYC (2 vCPU, AVX-512), .NET 10.0.12; runs drift by 5–8%",
    TitleHorizontalAlignment = TitleHorizontalAlignment.CenteredWithinView,
    Background = OxyColors.White,
    DefaultFont = "Arial",
    DefaultFontSize = 13,
};
var layers = new CategoryAxis
{
    Position = AxisPosition.Left, StartPosition = 1, EndPosition = 0, // the README's order, top to bottom
    GapWidth = 0.6, TickStyle = TickStyle.None,
};
foreach (var row in rows)
{
    layers.Labels.Add(row.Layer);
}

model.Axes.Add(layers);
model.Axes.Add(new LogarithmicAxis
{
    Position = AxisPosition.Bottom, Title = "time per call", Unit = "log scale", Minimum = 1 * ns, Maximum = 30 * ms,
    MajorGridlineStyle = LineStyle.Solid, MajorGridlineColor = OxyColor.FromRgb(225, 225, 225),
    MinorGridlineStyle = LineStyle.Dot, MinorGridlineColor = OxyColor.FromRgb(238, 238, 238),
    LabelFormatter = Time,
});

void Bars(string title, OxyColor color, Func<(string, double ConvGen, double PyTorch, string VsPyTorch), (double, string)> bar)
{
    var series = new BarSeries
    {
        Title = title, FillColor = color, BaseValue = 1 * ns, StrokeThickness = 0,
        LabelPlacement = LabelPlacement.Outside, LabelFormatString = "{Label}", LabelMargin = 4, FontSize = 11,
    };
    foreach (var row in rows)
    {
        (double time, string label) = bar(row);
        series.Items.Add(new TimeItem(time, label));
    }

    model.Series.Add(series);
}

Bars("ConvGen (BenchmarkDotNet 0.14.0); n× = PyTorch's time / ConvGen's",
    OxyColor.FromRgb(31, 119, 180), r => (r.ConvGen, $"{Time(r.ConvGen)} · {r.VsPyTorch}"));
Bars("PyTorch 1.13 (Debian's python3-torch: oneDNN 2.6.3, OpenBLAS 0.3.21; best of its backends)", OxyColor.FromRgb(238, 76, 44),
    r => (r.PyTorch, Time(r.PyTorch)));
model.Legends.Add(new Legend
{
    LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.BottomCenter, LegendOrientation = LegendOrientation.Vertical,
    LegendBorderThickness = 0, LegendFontSize = 12, LegendLineSpacing = 3,
});

string path = Path.Combine(SamplePaths.OutputDirectory(args), "speed-vs-pytorch.svg");
SvgChart.Write(model, path, 1000, 1000);
Console.WriteLine($"Wrote {SamplePaths.Display(path)} ({rows.Length} layers from the README's speed table)");
return 0;

// 0.001 µs → "1 ns", 10 µs → "10 µs", 1000 µs → "1 ms".
static string Time(double microseconds) => microseconds switch
{
    < 1 => $"{microseconds * 1e3:G3} ns",
    < 1000 => $"{microseconds:G3} µs",
    _ => $"{microseconds / 1e3:G3} ms",
};

/// <summary>A bar labelled with its time in ns, µs or ms (the series' label format names the property: "{Label}").</summary>
internal sealed class TimeItem(double microseconds, string label) : BarItem(microseconds)
{
    public string Label { get; } = label;
}
