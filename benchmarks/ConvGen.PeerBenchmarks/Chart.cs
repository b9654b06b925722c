using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ConvGen.PeerBenchmarks;

/// <summary>
/// The README's chart: each layer's speed against ONNX Runtime on one thread (its median time over each method's), as
/// grouped horizontal bars on a log scale, written as SVG from the brief JSON report of a BenchmarkDotNet run of the
/// layers (<c>--chart report-brief.json out.svg</c>).
/// </summary>
public static class Chart
{
    private static readonly (string Method, string Label, string Color)[] Series =
    [
        ("ConvGen", "ConvGen, 1 thread", "#1f6feb"),
        ("ConvGenAllCores", "ConvGen, all cores", "#79b8ff"),
        ("OrtAllCores", "ONNX Runtime 1.32, all cores", "#bf8700"),
        ("LibTorchOneThread", "LibTorch 2.10, 1 thread", "#8250df"),
        ("LibTorchAllCores", "LibTorch 2.10, all cores", "#c297ff"),
    ];

    public static void Write(string reportPath, string svgPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(reportPath));
        var root = doc.RootElement;
        var cpu = root.GetProperty("HostEnvironmentInfo").GetProperty("ProcessorName").GetString() ?? "?";
        var cores = root.GetProperty("HostEnvironmentInfo").GetProperty("LogicalCoreCount").GetInt32();
        var medians = new Dictionary<(string Type, string Method), double>();
        var order = new List<string>();
        foreach (var b in root.GetProperty("Benchmarks").EnumerateArray())
        {
            var type = b.GetProperty("Type").GetString()!;
            // The layers' Forward only: not the models, nor the gradient rows (GradientBench).
            if (type.StartsWith("Model_", StringComparison.Ordinal) || type.EndsWith("_Transpose", StringComparison.Ordinal) ||
                type.EndsWith("_WeightsGradient", StringComparison.Ordinal)) continue;
            medians[(type, b.GetProperty("Method").GetString()!)] = b.GetProperty("Statistics").GetProperty("Median").GetDouble();
            if (!order.Contains(type)) order.Add(type);
        }

        // Smallest layer first: by ORT's single-thread time.
        var rows = order.Where(t => medians.ContainsKey((t, "OrtOneThread"))).OrderBy(t => medians[(t, "OrtOneThread")]).ToList();
        double Speed(string type, string method) =>
            medians.TryGetValue((type, method), out var m) ? medians[(type, "OrtOneThread")] / m : double.NaN;
        var all = rows.SelectMany(t => Series.Select(s => Speed(t, s.Method))).Where(v => !double.IsNaN(v)).ToList();
        int lo = (int)Math.Floor(Math.Log2(Math.Min(all.Min(), 1))), hi = (int)Math.Ceiling(Math.Log2(Math.Max(all.Max(), 1)));

        const int left = 280, plotWidth = 600, bar = 8, gap = 14, top = 106;
        int rowHeight = Series.Length * bar + gap, height = top + rows.Count * rowHeight + 40;
        double X(double speed) => left + (Math.Log2(speed) - lo) / (hi - lo) * plotWidth;
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var svg = new StringBuilder();
        svg.AppendLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + plotWidth + 30}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine($"<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine($"<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Speed against ONNX Runtime on one thread (longer is faster; log scale)</text>");
        svg.AppendLine($"<text x=\"10\" y=\"38\" fill=\"#555\">float32, batch 1, median of a BenchmarkDotNet run; {Escape(cpu)}, {cores} logical cores</text>");
        for (var i = 0; i < Series.Length; i++)
        {
            var (x, y) = (10 + (i % 2) * 300, 52 + (i / 2) * 16);
            svg.AppendLine($"<rect x=\"{x}\" y=\"{y}\" width=\"12\" height=\"10\" fill=\"{Series[i].Color}\"/><text x=\"{x + 18}\" y=\"{y + 9}\">{Escape(Series[i].Label)}</text>");
        }

        for (var e = lo; e <= hi; e++)
        {
            var x = F(X(Math.Pow(2, e)));
            svg.AppendLine($"<line x1=\"{x}\" y1=\"{top - 6}\" x2=\"{x}\" y2=\"{height - 34}\" stroke=\"{(e == 0 ? "#000" : "#ddd")}\"/>");
            svg.AppendLine($"<text x=\"{x}\" y=\"{height - 20}\" text-anchor=\"middle\" fill=\"#555\">{(e >= 0 ? F(Math.Pow(2, e)) : "1/" + F(Math.Pow(2, -e)))}×</text>");
        }

        svg.AppendLine($"<text x=\"{F(X(1))}\" y=\"{height - 6}\" text-anchor=\"middle\" fill=\"#555\">ONNX Runtime, 1 thread</text>");
        for (var r = 0; r < rows.Count; r++)
        {
            var y0 = top + r * rowHeight;
            svg.AppendLine($"<text x=\"{left - 8}\" y=\"{y0 + Series.Length * bar / 2 + 4}\" text-anchor=\"end\">{Escape(Label(rows[r]))}</text>");
            for (var i = 0; i < Series.Length; i++)
            {
                var v = Speed(rows[r], Series[i].Method);
                if (double.IsNaN(v)) continue;
                double a = X(Math.Min(v, 1)), b = X(Math.Max(v, 1));
                svg.AppendLine($"<rect x=\"{F(a)}\" y=\"{y0 + i * bar}\" width=\"{F(Math.Max(b - a, 1))}\" height=\"{bar - 1}\" fill=\"{Series[i].Color}\"><title>{Escape(Series[i].Label)}: {v.ToString("0.00", CultureInfo.InvariantCulture)}×</title></rect>");
            }
        }

        svg.AppendLine("</svg>");
        File.WriteAllText(svgPath, svg.ToString());
        Console.WriteLine($"{svgPath}: {rows.Count} layers");
    }

    /// <summary>"Pointwise_C64H28W28_D128_1x1" → "Pointwise C64H28W28 → D128 1×1".</summary>
    private static string Label(string type) =>
        Regex.Replace(Regex.Replace(type, "_D([0-9])", " → D$1").Replace('_', ' '), "([0-9])x([0-9])", "$1×$2");

    private static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
