using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ConvGen.MatrixPictures;
using ConvGen.SampleSupport;

// Draws the matrix M of a convolution layer (ToMatrix) and its transpose Mᵀ (built from the layer's own
// Transpose, one unit vector at a time) as SVG pictures, the way the seed documents write them out:
// each row of M is one output pixel, each column one input pixel.
// Usage: dotnet run --project samples/ConvGen.MatrixPictures [output-directory]
// (default output directory: docs/images of the repository).

Console.OutputEncoding = Encoding.UTF8;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

string outDir = SamplePaths.OutputDirectory(args);
var layers = new[]
{
    new Layer("zero padding", "zeros", "[Conv2D(1, 4, 4, 1, 3, 3, Padding = 1)]",
        ZeroPadded.InputLength, ZeroPadded.OutputLength, ZeroPadded.InputWidth, ZeroPadded.OutputWidth, ZeroPadded.WeightsLength,
        ZeroPadded.ToMatrix, ZeroPadded.Forward, ZeroPadded.Transpose),
    new Layer("reflect padding", "reflect", "[Conv2D(1, 4, 4, 1, 3, 3, Padding = 1, PaddingMode = ConvPaddingMode.Reflect)]",
        ReflectPadded.InputLength, ReflectPadded.OutputLength, ReflectPadded.InputWidth, ReflectPadded.OutputWidth, ReflectPadded.WeightsLength,
        ReflectPadded.ToMatrix, ReflectPadded.Forward, ReflectPadded.Transpose),
};

bool allOk = true;
foreach (Layer layer in layers)
{
    int n = layer.OutputLength, m = layer.InputLength;
    float[] kernel = Enumerable.Range(1, layer.WeightsLength).Select(i => (float)i).ToArray(); // taps 1..9, row by row

    // M = ToMatrix(K): n×m, row s = output pixel, column t = input pixel.
    var matrix = new float[n * m];
    layer.ToMatrix(kernel, matrix);

    // Which taps make each entry: ToMatrix of the unit kernel e_k counts how often tap k lands there.
    var taps = new string?[n * m];
    var unit = new float[layer.WeightsLength];
    var tapMatrix = new float[n * m];
    var parts = new List<string>[n * m];
    for (int k = 0; k < layer.WeightsLength; k++)
    {
        Array.Clear(unit);
        unit[k] = 1;
        layer.ToMatrix(unit, tapMatrix);
        for (int e = 0; e < tapMatrix.Length; e++)
        {
            if (tapMatrix[e] != 0)
            {
                (parts[e] ??= new()).Add(tapMatrix[e] == 1 ? $"{k + 1}" : $"{tapMatrix[e]:0.##}·{k + 1}");
            }
        }
    }

    for (int e = 0; e < taps.Length; e++)
    {
        taps[e] = parts[e] is { Count: > 1 } p ? string.Join("+", p) : null; // single taps: the value is the tap
    }

    // Mᵀ (m×n) from the layer's adjoint: column i of Mᵀ is Transpose(e_i), e_i the i-th unit output vector.
    var transposed = new float[m * n];
    var e_i = new float[n];
    var column = new float[m];
    for (int i = 0; i < n; i++)
    {
        Array.Clear(e_i);
        e_i[i] = 1;
        layer.Transpose(e_i, kernel, column);
        for (int r = 0; r < m; r++)
        {
            transposed[r * n + i] = column[r];
        }
    }

    bool transposeMatches = true;
    var tapsT = new string?[m * n];
    for (int s = 0; s < n; s++)
    {
        for (int t = 0; t < m; t++)
        {
            transposeMatches &= transposed[t * n + s] == matrix[s * m + t];
            tapsT[t * n + s] = taps[s * m + t];
        }
    }

    // And M·x is Forward(x) for a random x.
    var rng = new Random(42);
    float[] x = Enumerable.Range(0, m).Select(_ => (float)rng.NextDouble() * 2 - 1).ToArray();
    var y = new float[n];
    layer.Forward(x, kernel, y);
    double forwardDiff = 0;
    for (int s = 0; s < n; s++)
    {
        double sum = 0;
        for (int t = 0; t < m; t++)
        {
            sum += matrix[s * m + t] * (double)x[t];
        }

        forwardDiff = Math.Max(forwardDiff, Math.Abs(sum - y[s]));
    }

    Console.WriteLine($"{layer.Attribute}, K = 1..9 (taps row by row)");
    Console.WriteLine($"M = ToMatrix(K), {n}×{m}, {layer.Title} (row = output pixel, column = input pixel, | every W = {layer.InputWidth}):");
    PrintMatrix(matrix, n, m, layer.InputWidth, layer.OutputWidth);
    Console.WriteLine($"Mᵀ, {m}×{n}, column i = Transpose(e_i):");
    PrintMatrix(transposed, m, n, layer.OutputWidth, layer.InputWidth);
    Console.WriteLine($"Mᵀ from Transpose matches ToMatrixᵀ: {(transposeMatches ? "yes" : "NO")}");
    Console.WriteLine($"M·x matches Forward(x) (random x): {(forwardDiff < 1e-5 ? "yes" : "NO")} (max difference {forwardDiff:G2})");
    allOk &= transposeMatches && forwardDiff < 1e-5;

    string mPath = Path.Combine(outDir, $"matrix-{layer.FileStem}.svg");
    string mtPath = Path.Combine(outDir, $"matrix-{layer.FileStem}-transpose.svg");
    File.WriteAllText(mPath, Svg.Matrix(
        $"M = ToMatrix(K): {n}×{m}, {layer.Title}",
        $"{layer.Attribute}, weights K = 1..9 passed at run time",
        $"row s = output pixel (v, w) · column t = input pixel (j, k) · lines every W = {layer.InputWidth}",
        matrix, taps, n, m, layer.OutputWidth, layer.InputWidth, kernel));
    File.WriteAllText(mtPath, Svg.Matrix(
        $"Mᵀ: {m}×{n}, {layer.Title}, column i = Transpose(e_i)",
        $"{layer.Attribute}, weights K = 1..9; equals ToMatrix(K)ᵀ: {(transposeMatches ? "yes" : "NO")}",
        $"row t = input pixel (j, k) · column s = output pixel (v, w) · lines every W = {layer.InputWidth}",
        transposed, tapsT, m, n, layer.InputWidth, layer.OutputWidth, kernel));
    Console.WriteLine($"Wrote {SamplePaths.Display(mPath)} and {SamplePaths.Display(mtPath)}");
    Console.WriteLine();
}

return allOk ? 0 : 1;

static void PrintMatrix(float[] a, int rows, int cols, int colBlock, int rowBlock)
{
    int width = a.Max(v => v.ToString("0.##", CultureInfo.InvariantCulture).Length) + 1;
    for (int r = 0; r < rows; r++)
    {
        if (r > 0 && r % rowBlock == 0)
        {
            Console.WriteLine("  " + string.Join("+", Enumerable.Repeat(new string('-', colBlock * width + 1), cols / colBlock)));
        }

        var line = new StringBuilder("  ");
        for (int c = 0; c < cols; c++)
        {
            if (c > 0 && c % colBlock == 0)
            {
                line.Append(" |");
            }

            float v = a[r * cols + c];
            line.Append((v == 0 ? "·" : v.ToString("0.##", CultureInfo.InvariantCulture)).PadLeft(width));
        }

        Console.WriteLine(line);
    }
}

internal delegate void MatrixFn(ReadOnlySpan<float> weights, Span<float> matrix);

internal delegate void MapFn(ReadOnlySpan<float> source, ReadOnlySpan<float> weights, Span<float> destination);

internal sealed record Layer(
    string Title, string FileStem, string Attribute,
    int InputLength, int OutputLength, int InputWidth, int OutputWidth, int WeightsLength,
    MatrixFn ToMatrix, MapFn Forward, MapFn Transpose);

/// <summary>One SVG cell per matrix entry: zero entries blank, the others shaded by value with the value printed
/// (and, where several taps add up, which ones); thin lines every block to show the block-Toeplitz structure.</summary>
internal static class Svg
{
    private const int Cell = 40, Left = 64, Top = 112, LegendGap = 36, LegendCell = 34;

    public static string Matrix(string title, string subtitle, string axes, float[] a, string?[] taps,
        int rows, int cols, int rowBlock, int colBlock, float[] kernel)
    {
        float max = a.Max(Math.Abs);
        int gridW = cols * Cell, gridH = rows * Cell;
        int legendX = Left + gridW + LegendGap;
        int width = legendX + 3 * LegendCell + 150, height = Math.Max(Top + gridH + 24, Top + 3 * LegendCell + 200);
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Verdana, Arial, sans-serif">""");
        s.AppendLine(CultureInfo.InvariantCulture, $"""<rect width="{width}" height="{height}" fill="#ffffff"/>""");
        s.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="30" font-size="20" font-weight="bold" fill="#111">{Esc(title)}</text>""");
        s.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="54" font-size="13" fill="#333">{Esc(subtitle)}</text>""");
        s.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="74" font-size="13" fill="#333">{Esc(axes)}</text>""");

        // Column and row numbers.
        for (int c = 0; c < cols; c++)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{Left + c * Cell + Cell / 2}" y="{Top - 8}" font-size="11" fill="#777" text-anchor="middle">{c}</text>""");
        }

        for (int r = 0; r < rows; r++)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{Left - 8}" y="{Top + r * Cell + Cell / 2 + 4}" font-size="11" fill="#777" text-anchor="end">{r}</text>""");
        }

        // Cells.
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                float v = a[r * cols + c];
                if (v == 0)
                {
                    continue;
                }

                int x = Left + c * Cell, y = Top + r * Cell;
                AppendCell(s, x, y, Cell, v, max, taps[r * cols + c]);
            }
        }

        // Grid: hairlines between cells, darker lines between blocks.
        for (int c = 0; c <= cols; c++)
        {
            bool block = c % colBlock == 0;
            s.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{Left + c * Cell}" y1="{Top}" x2="{Left + c * Cell}" y2="{Top + gridH}" stroke="{(block ? "#444" : "#e3e3e3")}" stroke-width="{(block ? "1.5" : "1")}"/>""");
        }

        for (int r = 0; r <= rows; r++)
        {
            bool block = r % rowBlock == 0;
            s.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Top + r * Cell}" x2="{Left + gridW}" y2="{Top + r * Cell}" stroke="{(block ? "#444" : "#e3e3e3")}" stroke-width="{(block ? "1.5" : "1")}"/>""");
        }

        // Legend: the kernel with the same shading.
        s.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{legendX}" y="{Top - 8}" font-size="13" font-weight="bold" fill="#111">kernel K (3×3)</text>""");
        for (int p = 0; p < 3; p++)
        {
            for (int q = 0; q < 3; q++)
            {
                AppendCell(s, legendX + q * LegendCell, Top + p * LegendCell, LegendCell, kernel[p * 3 + q], max, null);
                s.AppendLine(CultureInfo.InvariantCulture, $"""<rect x="{legendX + q * LegendCell}" y="{Top + p * LegendCell}" width="{LegendCell}" height="{LegendCell}" fill="none" stroke="#444" stroke-width="1"/>""");
            }
        }

        string[] notes = taps.Any(t => t is not null)
            ? ["tap = weight: 1..9", "row by row.", "", "A cell like 1+3 holds", "two taps that reflect", "onto the same input", "pixel: its value is", "their sum (4)."]
            : ["tap = weight: 1..9", "row by row.", "", "Blank cells are zero:", "taps outside the", "image are dropped."];
        for (int i = 0; i < notes.Length; i++)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{legendX}" y="{Top + 3 * LegendCell + 24 + i * 17}" font-size="12" fill="#333">{Esc(notes[i])}</text>""");
        }

        s.AppendLine("</svg>");
        return s.ToString();
    }

    private static void AppendCell(StringBuilder s, int x, int y, int size, float v, float max, string? taps)
    {
        double t = max == 0 ? 0 : Math.Abs(v) / max;
        // light to dark blue for positive values, light to dark red for negative ones
        (int r0, int g0, int b0, int r1, int g1, int b1) = v >= 0 ? (222, 235, 247, 8, 69, 148) : (254, 224, 210, 165, 15, 21);
        string fill = $"#{Lerp(r0, r1, t):x2}{Lerp(g0, g1, t):x2}{Lerp(b0, b1, t):x2}";
        string ink = t > 0.5 ? "#ffffff" : "#111111";
        string value = v.ToString("0.##", CultureInfo.InvariantCulture);
        int cx = x + size / 2, cy = y + size / 2;
        s.AppendLine(CultureInfo.InvariantCulture, $"""<rect x="{x}" y="{y}" width="{size}" height="{size}" fill="{fill}"/>""");
        if (taps is null)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{cx}" y="{cy + 5}" font-size="14" font-weight="bold" fill="{ink}" text-anchor="middle">{value}</text>""");
        }
        else
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{cx}" y="{cy + 1}" font-size="13" font-weight="bold" fill="{ink}" text-anchor="middle">{value}</text>""");
            s.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{cx}" y="{cy + 14}" font-size="{(taps.Length > 5 ? 7.5 : 9)}" fill="{ink}" text-anchor="middle">{Esc(taps)}</text>""");
        }
    }

    private static int Lerp(int a, int b, double t) => (int)Math.Round(a + (b - a) * t);

    private static string Esc(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
