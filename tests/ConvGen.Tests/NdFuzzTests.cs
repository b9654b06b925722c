using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Tests;

/// <summary>
/// Random usages of [Conv1D], [ConvTranspose1D], [Conv3D] and [ConvTranspose3D], classified by an independent
/// reading of SPEC's version 2 (every rule per axis), checked as <see cref="FuzzTests"/> checks the 2-D ones: valid
/// usages generate their layer and compile cleanly, forbidden ones get a CONV error, nothing crashes. A second test
/// types usages character by character through one incremental driver, as an IDE does.
/// </summary>
public sealed class NdFuzzTests
{
    private const int DefaultSeed = 20_261_205;
    private const int UsageCount = 600;

    private readonly ITestOutputHelper _output;

    public NdFuzzTests(ITestOutputHelper output) => _output = output;

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("CONVGEN_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;

    [Fact]
    public void RandomNdUsages_NeverCrash_AndDiagnoseExactlyPerSpec()
    {
        var seed = Seed();
        var rng = new Random(seed);
        var usages = Enumerable.Range(0, UsageCount).Select(i => NdUsage.Create(rng, i)).ToList();
        var failures = new List<string>();
        var csErrors = 0;
        foreach (var batch in usages.Where(u => u.Kind == FuzzTests.Kind.Valid).Chunk(20))
            FuzzTests.RunBatch(batch, expectClean: true, failures, ref csErrors);
        foreach (var batch in usages.Where(u => u.Kind != FuzzTests.Kind.Valid && !u.Skip).Chunk(20))
            FuzzTests.RunBatch(batch, expectClean: false, failures, ref csErrors);
        var counts = string.Join(", ", Enum.GetValues<FuzzTests.Kind>().Select(k => $"{k}: {usages.Count(u => u.Kind == k)}"));
        _output.WriteLine($"seed {seed}; {usages.Count} usages ({counts}); not compiled: {usages.Count(u => u.Skip)}");
        Assert.True(usages.Count(u => u.Kind == FuzzTests.Kind.Valid) >= UsageCount / 5, "too few valid usages: " + counts);
        Assert.True(failures.Count == 0, $"CONVGEN_FUZZ_SEED={seed}: {failures.Count} failures ({counts}); first ones:\n\n" + string.Join("\n\n", failures.Take(15)));
    }

    [Fact]
    public void UsagesTypedCharacterByCharacter_NeverCrashTheGenerator()
    {
        var rng = new Random(Seed() ^ 0x5EED);
        var driver = GeneratorDriverHelper.CreateDriver(trackSteps: false);
        var compilation = GeneratorDriverHelper.CreateCompilation("");
        var typed = 0;
        for (var i = 0; i < 12; i++)
        {
            var usage = NdUsage.Create(rng, i);
            var text = usage.Files[0];
            var start = text.IndexOf('[', StringComparison.Ordinal);
            var end = text.IndexOf(']', start) + 1;
            for (var n = start; n <= end; n++, typed++)
            {
                var source = text[..n] + text[end..];
                var tree = CSharpSyntaxTree.ParseText(source, GeneratorDriverHelper.ParseOptions, GeneratorDriverHelper.PathOf(0));
                compilation = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), tree);
                var output = GeneratorDriverHelper.Run(driver, compilation, out driver);
                GeneratorDriverHelper.AssertNoGeneratorFailure(output);
            }
        }

        _output.WriteLine($"{typed} keystrokes");
    }

    /// <summary>One random N-D usage and its classification.</summary>
    private static class NdUsage
    {
        private static readonly string[] Kinds = { "Conv1D", "ConvTranspose1D", "Conv3D", "ConvTranspose3D" };
        private static readonly long[] Specials = { 0, -1, 1, 2, 3, int.MaxValue, int.MinValue, 65_536, 46_341 };

        public static FuzzTests.Usage Create(Random rng, int index)
        {
            var kind = Kinds[rng.Next(Kinds.Length)];
            var rank = kind.EndsWith("1D", StringComparison.Ordinal) ? 1 : 3;
            var transposed = kind.StartsWith("ConvTranspose", StringComparison.Ordinal);
            var messy = rng.Next(3) == 0;
            var a = new NdAttr(kind, rank, transposed);
            var sizes = new long[2 + 2 * rank];   // c, spatial..., d, kernel...
            for (var i = 0; i < sizes.Length; i++)
            {
                var kernel = i > rank + 1;
                sizes[i] = messy && rng.Next(10) == 0 ? Specials[rng.Next(Specials.Length)] : kernel ? rng.Next(1, 4) : rng.Next(1, 7);
            }

            a.Sizes = sizes;
            var axisLetters = rank == 1 ? new[] { "" } : new[] { "T", "H", "W" };
            var forms = rank == 1
                ? new[] { "Stride", "Padding", "PaddingLeft", "PaddingRight", "Dilation", "OutputPadding", "Groups" }
                : new[]
                {
                    "Stride", "StrideT", "StrideH", "StrideW", "Padding", "PaddingT", "PaddingH", "PaddingW", "PaddingFront", "PaddingBack",
                    "PaddingTop", "PaddingBottom", "PaddingLeft", "PaddingRight", "Dilation", "DilationT", "DilationH", "DilationW",
                    "OutputPadding", "OutputPaddingT", "OutputPaddingH", "OutputPaddingW", "Groups",
                };
            foreach (var form in forms)
            {
                if (rng.Next(messy ? 5 : 9) != 0) continue;
                var zeroBased = form.StartsWith("Padding", StringComparison.Ordinal) || form.StartsWith("Output", StringComparison.Ordinal);
                long v = messy && rng.Next(5) == 0 ? Specials[rng.Next(Specials.Length)] : zeroBased ? rng.Next(0, 3) : rng.Next(1, 3);
                if (form == "Groups" && !messy)
                {
                    var g = Gcd(Math.Abs(sizes[0]), Math.Abs(sizes[rank + 1]));
                    v = g <= 0 ? 1 : Enumerable.Range(1, (int)Math.Min(g, 8)).Where(x => g % x == 0).Last();
                }

                if (form.StartsWith("OutputPadding", StringComparison.Ordinal) && !transposed && !messy) continue;
                a.Named[form] = v;
            }

            if (rng.Next(5) == 0) a.Named["AutoPad"] = rng.Next(messy ? 5 : 4);
            if (!transposed && rng.Next(3) == 0) a.Named["PaddingMode"] = rng.Next(messy ? 5 : 4);
            if (rng.Next(3) == 0) a.Named["Bias"] = rng.Next(2);
            if (rng.Next(4) == 0) a.Named["Activation"] = rng.Next(2);
            if (rng.Next(4) == 0) a.Named["Flip"] = rng.Next(2);
            if (rng.Next(3) == 0) a.Named["ElementType"] = rng.Next(2);
            if (rng.Next(6) == 0) a.Named["Unroll"] = rng.Next(2);
            var weights = rng.Next(6) == 0 ? (long?)(a.WeightsLength() is { } wl and > 0 and < 200 ? wl + (rng.Next(4) == 0 ? 1 : 0) : 2) : null;
            var why = new List<string>();
            var uncertain = new List<string>();
            a.Classify(why, uncertain, weights);
            var token = "L" + index;
            var text = a.Text(weights, rng);
            var u = new FuzzTests.Usage
            {
                Index = index,
                Token = token,
                Attribute = text,
                Files = { $"using ConvGen;\n\nnamespace Fuzz.N{index};\n\n[{text}]\npublic static partial class {token};\n" },
                Kind = uncertain.Count > 0 ? FuzzTests.Kind.Uncertain : why.Count > 0 ? FuzzTests.Kind.Invalid : FuzzTests.Kind.Valid,
                Why = string.Join("; ", why.Concat(uncertain)),
            };
            u.Skip = a.TooLarge;
            if (u.Kind == FuzzTests.Kind.Valid && a.TooLarge) u.Kind = FuzzTests.Kind.Uncertain;
            return u;
        }

        private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
    }

    /// <summary>An N-D attribute's arguments and SPEC's rules over them, written independently of the parser.</summary>
    private sealed class NdAttr
    {
        private static readonly string[] Modes = { "Zeros", "Reflect", "Replicate", "Circular" };
        private static readonly string[] AutoPads = { "NotSet", "Valid", "SameUpper", "SameLower" };

        public NdAttr(string kind, int rank, bool transposed)
        {
            Kind = kind;
            Rank = rank;
            Transposed = transposed;
        }

        public string Kind { get; }
        public int Rank { get; }
        public bool Transposed { get; }
        public long[] Sizes { get; set; } = Array.Empty<long>();
        public Dictionary<string, long> Named { get; } = new();
        public bool TooLarge { get; private set; }

        private long C => Sizes[0];
        private long D => Sizes[Rank + 1];
        private long In(int axis) => Sizes[1 + axis];
        private long Kernel(int axis) => Sizes[Rank + 2 + axis];
        private long Groups => Named.TryGetValue("Groups", out var g) ? g : 1;

        /// <summary>The per-axis property names of axis i (rank 1: the plain forms are the axis's own).</summary>
        private string Letter(int axis) => Rank == 1 ? "" : new[] { "T", "H", "W" }[axis];

        private long Axis(string name, int axis, long dflt)
        {
            if (Rank == 1) return Named.TryGetValue(name, out var v) ? v : dflt;
            return Named.TryGetValue(name + Letter(axis), out var a) ? a : Named.TryGetValue(name, out var all) ? all : dflt;
        }

        private (long Begin, long End) Pads(int axis)
        {
            var (begin, end) = Rank == 1 ? ("PaddingLeft", "PaddingRight") : (new[] { "PaddingFront", "PaddingTop", "PaddingLeft" }[axis], new[] { "PaddingBack", "PaddingBottom", "PaddingRight" }[axis]);
            var symmetric = Axis("Padding", axis, 0);
            return (Named.TryGetValue(begin, out var b) ? b : symmetric, Named.TryGetValue(end, out var e) ? e : symmetric);
        }

        public long? WeightsLength()
        {
            if (Sizes.Any(s => s <= 0) || Groups <= 0) return null;
            var k = 1L;
            for (var i = 0; i < Rank; i++) k *= Kernel(i);
            return (Transposed ? C * (D / Groups) : D * (C / Groups)) * k;
        }

        public string Text(long? weights, Random rng)
        {
            var args = Sizes.Select(s => s.ToString(CultureInfo.InvariantCulture)).ToList();
            foreach (var (name, v) in Named.OrderBy(_ => rng.Next()))
            {
                args.Add(name + " = " + name switch
                {
                    "AutoPad" => v < 4 ? "ConvAutoPad." + AutoPads[v] : $"(ConvAutoPad)({v + 3})",
                    "PaddingMode" => v < 4 ? "ConvPaddingMode." + Modes[v] : "(ConvPaddingMode)4",
                    "Bias" or "Flip" => v == 1 ? "true" : "false",
                    "Activation" => v == 1 ? "ConvActivation.Relu" : "ConvActivation.None",
                    "ElementType" => v == 1 ? "typeof(double)" : "typeof(float)",
                    "Unroll" => v == 1 ? "ConvUnroll.Full" : "ConvUnroll.Auto",
                    _ => v == int.MinValue ? "int.MinValue" : v.ToString(CultureInfo.InvariantCulture),
                });
            }

            if (weights is { } n) args.Add("Weights = new double[] { " + string.Join(", ", Enumerable.Range(0, (int)n).Select(i => (i % 5 - 2).ToString(CultureInfo.InvariantCulture))) + " }");
            return Kind + "(" + string.Join(", ", args) + ")";
        }

        public void Classify(List<string> why, List<string> uncertain, long? weights)
        {
            if (Sizes.Any(s => s <= 0)) why.Add("a positional size is not positive");
            void TwoForms(string all, params string[] parts)
            {
                if (Named.ContainsKey(all) && parts.Any(Named.ContainsKey)) why.Add($"two forms: {all} with {string.Join("/", parts.Where(Named.ContainsKey))}");
            }

            if (Rank == 3)
            {
                foreach (var p in new[] { "Stride", "Dilation", "OutputPadding" }) TwoForms(p, p + "T", p + "H", p + "W");
                TwoForms("Padding", "PaddingT", "PaddingH", "PaddingW", "PaddingFront", "PaddingBack", "PaddingTop", "PaddingBottom", "PaddingLeft", "PaddingRight");
                TwoForms("PaddingT", "PaddingFront", "PaddingBack");
                TwoForms("PaddingH", "PaddingTop", "PaddingBottom");
                TwoForms("PaddingW", "PaddingLeft", "PaddingRight");
            }
            else TwoForms("Padding", "PaddingLeft", "PaddingRight");

            var autoPad = Named.TryGetValue("AutoPad", out var ap) ? ap : 0;
            if (autoPad != 0 && Named.Keys.Any(k => k.StartsWith("Padding", StringComparison.Ordinal) && k != "PaddingMode")) why.Add("AutoPad with explicit padding");
            foreach (var (k, v) in Named)
            {
                if ((k.StartsWith("Stride", StringComparison.Ordinal) || k.StartsWith("Dilation", StringComparison.Ordinal)) && v <= 0) why.Add(k + " not positive");
                if ((k.StartsWith("Padding", StringComparison.Ordinal) && k != "PaddingMode" || k.StartsWith("OutputPadding", StringComparison.Ordinal)) && v < 0) why.Add(k + " negative");
            }

            if (Groups <= 0) why.Add("Groups not positive");
            else if (C > 0 && D > 0 && (C % Groups != 0 || D % Groups != 0)) why.Add("Groups does not divide");
            if (autoPad is < 0 or > 3) why.Add("AutoPad undefined");
            var mode = Named.TryGetValue("PaddingMode", out var m) ? m : 0;
            if (mode is < 0 or > 3) why.Add("PaddingMode undefined");
            if (!Transposed && Named.Where(kv => kv.Key.StartsWith("OutputPadding", StringComparison.Ordinal)).Any(kv => kv.Value != 0)) why.Add("OutputPadding on a forward convolution");
            if (Transposed && mode != 0) why.Add("PaddingMode on a transposed convolution");
            if (why.Count > 0) return;

            long inputLength = C, outputLength = D, planes = Transposed ? D : C, kernelTaps = 1;
            for (var i = 0; i < Rank; i++)
            {
                long n = In(i), k = Kernel(i), s = Axis("Stride", i, 1), dl = Axis("Dilation", i, 1), op = Axis("OutputPadding", i, 0);
                var (pb, pe) = Pads(i);
                long o;
                if (Transposed)
                {
                    if (op >= Math.Max(s, dl)) why.Add($"OutputPadding{Letter(i)} too large");
                    if (autoPad is 2 or 3)
                    {
                        var total = (decimal)op + dl * (k - 1) + 1 - s;
                        if (total < 0) why.Add("AutoPad negative total padding");
                        o = n * s;
                    }
                    else
                    {
                        if (autoPad == 1) pb = pe = 0;
                        o = (long)Math.Min((decimal)long.MaxValue, ((decimal)n - 1) * s - pb - pe + (decimal)dl * (k - 1) + op + 1);
                    }
                }
                else
                {
                    if (autoPad is 2 or 3)
                    {
                        o = (n + s - 1) / s;
                        var total = Math.Max(0m, ((decimal)o - 1) * s + (decimal)dl * (k - 1) + 1 - n);
                        var half = (long)(total / 2);
                        (pb, pe) = autoPad == 2 ? (half, (long)total - half) : ((long)total - half, half);
                    }
                    else
                    {
                        if (autoPad == 1) pb = pe = 0;
                        var extent = (decimal)n + pb + pe - (decimal)dl * (k - 1) - 1;
                        o = extent < 0 ? 0 : (long)Math.Floor(extent / s) + 1;
                    }

                    if (mode == 1 && Math.Max(pb, pe) >= n) why.Add("Reflect padding too large");
                    if (mode == 3 && Math.Max(pb, pe) > n) why.Add("Circular padding too large");
                    if ((decimal)n + pb + pe > int.MaxValue) uncertain.Add("padded extent overflows int");
                }

                if (o < 1) why.Add("empty output");
                if ((decimal)dl * (k - 1) + 1 > int.MaxValue || ((decimal)n - 1) * s + 1 > int.MaxValue) uncertain.Add("an intermediate extent overflows int");
                inputLength = (long)Math.Min((decimal)long.MaxValue / 4, (decimal)inputLength * n);
                outputLength = (long)Math.Min((decimal)long.MaxValue / 4, (decimal)outputLength * Math.Max(o, 0));
                kernelTaps = (long)Math.Min((decimal)long.MaxValue / 4, (decimal)kernelTaps * k);
                if (Rank == 3 && i > 0) planes = (long)Math.Min((decimal)long.MaxValue / 4, (decimal)planes * (Transposed ? Math.Max(o, 0) : n));
            }

            if (why.Count > 0) return;
            var weightsLength = (decimal)(Transposed ? C * (D / Groups) : D * (C / Groups)) * kernelTaps;
            if (inputLength > int.MaxValue || outputLength > int.MaxValue || weightsLength > int.MaxValue) why.Add("a length overflows int");
            if (Rank == 3 && (decimal)planes * Kernel(0) > int.MaxValue) why.Add("the planes of one depth slice overflow int");
            if (why.Count > 0) return;
            if (weights is { } wn && wn != weightsLength) why.Add($"Weights length {wn}, expected {weightsLength}");
            if (Sizes.Any(s => s > 64) || Named.Values.Any(v => v > 64)) uncertain.Add("large layer");
            if (outputLength > 1_000_000 || inputLength > 1_000_000 || (decimal)outputLength * inputLength > 50_000_000) TooLarge = true;
        }
    }
}
