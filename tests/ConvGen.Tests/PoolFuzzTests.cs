using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Tests;

/// <summary>
/// Random usages of the six pooling attributes, classified by an independent reading of SPEC (strides defaulting to
/// the window, PyTorch's padding check, CeilMode's output rule and its exclusion of AutoPad), checked as
/// <see cref="FuzzTests"/> checks the convolutions: valid usages generate their layer and compile cleanly, forbidden
/// ones get a CONV error, nothing crashes.
/// </summary>
public sealed class PoolFuzzTests
{
    private const int DefaultSeed = 20_261_206;
    private const int UsageCount = 300;
    private static readonly string[] Kinds = { "MaxPool1D", "MaxPool2D", "MaxPool3D", "AvgPool1D", "AvgPool2D", "AvgPool3D" };
    private static readonly long[] Specials = { 0, -1, 1, 2, int.MaxValue, int.MinValue, 65_536 };
    private static readonly string[] AutoPads = { "NotSet", "Valid", "SameUpper", "SameLower" };

    private readonly ITestOutputHelper _output;

    public PoolFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void RandomPoolingUsages_NeverCrash_AndDiagnoseExactlyPerSpec()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CONVGEN_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var rng = new Random(seed);
        var usages = Enumerable.Range(0, UsageCount).Select(i => Create(rng, i)).ToList();
        var failures = new List<string>();
        var csErrors = 0;
        foreach (var batch in usages.Where(u => u.Kind == FuzzTests.Kind.Valid).Chunk(25))
            FuzzTests.RunBatch(batch, expectClean: true, failures, ref csErrors);
        foreach (var batch in usages.Where(u => u.Kind == FuzzTests.Kind.Invalid).Chunk(25))
            FuzzTests.RunBatch(batch, expectClean: false, failures, ref csErrors);
        var counts = string.Join(", ", Enum.GetValues<FuzzTests.Kind>().Select(k => $"{k}: {usages.Count(u => u.Kind == k)}"));
        _output.WriteLine($"seed {seed}; {usages.Count} usages ({counts})");
        Assert.True(usages.Count(u => u.Kind == FuzzTests.Kind.Valid) >= UsageCount / 4, "too few valid usages: " + counts);
        Assert.True(usages.Count(u => u.Kind == FuzzTests.Kind.Invalid) >= UsageCount / 6, "too few invalid usages: " + counts);
        Assert.True(failures.Count == 0, $"CONVGEN_FUZZ_SEED={seed}: {failures.Count} failures ({counts}); first ones:\n\n" + string.Join("\n\n", failures.Take(15)));
    }

    private static FuzzTests.Usage Create(Random rng, int index)
    {
        var kind = Kinds[rng.Next(Kinds.Length)];
        var rank = kind[^2] - '0';
        var max = kind.StartsWith("Max", StringComparison.Ordinal);
        var messy = rng.Next(3) == 0;
        var sizes = new long[1 + 2 * rank];
        for (var i = 0; i < sizes.Length; i++)
            sizes[i] = messy && rng.Next(8) == 0 ? Specials[rng.Next(Specials.Length)] : i > rank ? rng.Next(1, 5) : rng.Next(1, 10);
        var letters = rank == 1 ? new[] { "" } : rank == 2 ? new[] { "H", "W" } : new[] { "T", "H", "W" };
        var sides = rank == 1 ? new[] { ("PaddingLeft", "PaddingRight") }
            : rank == 2 ? new[] { ("PaddingTop", "PaddingBottom"), ("PaddingLeft", "PaddingRight") }
            : new[] { ("PaddingFront", "PaddingBack"), ("PaddingTop", "PaddingBottom"), ("PaddingLeft", "PaddingRight") };
        var forms = new List<string> { "Stride", "Padding" };
        if (max) forms.Add("Dilation");
        if (rank > 1)
            foreach (var l in letters) forms.AddRange(max ? new[] { "Stride" + l, "Padding" + l, "Dilation" + l } : new[] { "Stride" + l, "Padding" + l });
        foreach (var (b, e) in sides) forms.AddRange(new[] { b, e });
        var named = new Dictionary<string, long>();
        foreach (var form in forms)
        {
            if (rng.Next(messy ? 4 : 8) != 0) continue;
            named[form] = messy && rng.Next(5) == 0 ? Specials[rng.Next(Specials.Length)] : form.StartsWith("Padding", StringComparison.Ordinal) ? rng.Next(0, 3) : rng.Next(1, 4);
        }

        if (rng.Next(5) == 0) named["AutoPad"] = rng.Next(4);
        if (rng.Next(3) == 0) named["CeilMode"] = rng.Next(2);
        if (!max && rng.Next(3) == 0) named["CountIncludePad"] = rng.Next(2);
        if (rng.Next(3) == 0) named["ElementType"] = rng.Next(2);

        // SPEC, read again: the checks in any order, each a reason.
        var why = new List<string>();
        var uncertain = sizes.Any(v => v > 1000) || named.Values.Any(v => v > 1000);
        if (sizes.Any(v => v <= 0)) why.Add("a size is not positive");
        void TwoForms(string all, params string[] parts)
        {
            if (named.ContainsKey(all) && parts.Any(named.ContainsKey)) why.Add("two forms of " + all);
        }

        if (rank > 1)
        {
            TwoForms("Stride", letters.Select(l => "Stride" + l).ToArray());
            TwoForms("Dilation", letters.Select(l => "Dilation" + l).ToArray());
            TwoForms("Padding", letters.Select(l => "Padding" + l).Concat(sides.SelectMany(p => new[] { p.Item1, p.Item2 })).ToArray());
            for (var i = 0; i < rank; i++) TwoForms("Padding" + letters[i], sides[i].Item1, sides[i].Item2);
        }
        else TwoForms("Padding", "PaddingLeft", "PaddingRight");

        var autoPad = named.TryGetValue("AutoPad", out var ap) ? ap : 0;
        if (autoPad != 0 && named.Keys.Any(k => k.StartsWith("Padding", StringComparison.Ordinal))) why.Add("AutoPad with padding");
        if (autoPad != 0 && named.TryGetValue("CeilMode", out var cm) && cm == 1) why.Add("CeilMode with AutoPad");
        foreach (var (k, v) in named)
        {
            if ((k.StartsWith("Stride", StringComparison.Ordinal) || k.StartsWith("Dilation", StringComparison.Ordinal)) && v <= 0) why.Add(k + " not positive");
            if (k.StartsWith("Padding", StringComparison.Ordinal) && v < 0) why.Add(k + " negative");
        }

        if (why.Count == 0 && !uncertain)
        {
            var ceil = named.TryGetValue("CeilMode", out var c) && c == 1;
            for (var i = 0; i < rank; i++)
            {
                long n = sizes[1 + i], k = sizes[1 + rank + i];
                long Get(string all, string axis, long dflt) => named.TryGetValue(axis, out var a) ? a : named.TryGetValue(all, out var b) ? b : dflt;
                var stride = rank == 1 ? Get("Stride", "Stride", k) : Get("Stride", "Stride" + letters[i], k);
                var dilation = rank == 1 ? Get("Dilation", "Dilation", 1) : Get("Dilation", "Dilation" + letters[i], 1);
                var symmetric = rank == 1 ? Get("Padding", "Padding", 0) : Get("Padding", "Padding" + letters[i], 0);
                long begin = named.TryGetValue(sides[i].Item1, out var pb) ? pb : symmetric, end = named.TryGetValue(sides[i].Item2, out var pe) ? pe : symmetric;
                var extent = dilation * (k - 1) + 1;
                if (autoPad >= 2)
                {
                    var total = Math.Max(0, ((n + stride - 1) / stride - 1) * stride + extent - n);
                    (begin, end) = autoPad == 2 ? (total / 2, total - total / 2) : (total - total / 2, total / 2);
                }
                else if (autoPad == 0 && (begin > k / 2 || end > k / 2)) why.Add("padding above half the window");

                var span = n + begin + end - extent;
                var output = span < 0 ? 0 : (ceil ? (span + stride - 1) / stride : span / stride) + 1;
                if (ceil && output > 0 && (output - 1) * stride >= n + begin) output--;
                if (output <= 0) why.Add("empty output");
            }
        }

        var args = sizes.Select(v => v == int.MinValue ? "int.MinValue" : v.ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var (name, v) in named.OrderBy(_ => rng.Next()))
            args.Add(name + " = " + name switch
            {
                "AutoPad" => "ConvAutoPad." + AutoPads[v],
                "CeilMode" or "CountIncludePad" => v == 1 ? "true" : "false",
                "ElementType" => v == 1 ? "typeof(double)" : "typeof(float)",
                _ => v == int.MinValue ? "int.MinValue" : v.ToString(CultureInfo.InvariantCulture),
            });
        var text = kind + "(" + string.Join(", ", args) + ")";
        var token = "P" + index;
        return new FuzzTests.Usage
        {
            Index = index,
            Token = token,
            Attribute = text,
            Files = { $"using ConvGen;\n\nnamespace Fuzz.P{index};\n\n[{text}]\npublic static partial class {token};\n" },
            Kind = uncertain ? FuzzTests.Kind.Uncertain : why.Count > 0 ? FuzzTests.Kind.Invalid : FuzzTests.Kind.Valid,
            Why = string.Join("; ", why),
        };
    }
}
