using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Tests;

/// <summary>
/// Random attribute usages (valid, invalid, mistyped, malformed) from a fixed seed, rotated with the
/// environment variable <c>CONVGEN_FUZZ_SEED</c>. Each usage is classified by an independent implementation of
/// the SPEC rules: valid usages must generate their layer and compile with no error or warning; usages the
/// compiler binds but the SPEC forbids must get a CONV error in their own file; nothing may crash the generator.
/// </summary>
public sealed class FuzzTests
{
    private const int DefaultSeed = 20_240_611;
    private const int UsageCount = 2_000;
    private const int BatchSize = 20;

    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    internal enum Kind { Valid, Invalid, Uncertain, BindError }

    internal sealed class Usage
    {
        public int Index;
        public List<string> Files = new();
        public Kind Kind;
        public string Why = "";
        public string Token = "";
        public string Attribute = "";

        /// <summary>A layer the SPEC allows but too large to generate quickly (see the Auto-unroll finding); not compiled.</summary>
        public bool Skip;
    }

    [Fact]
    public void RandomAttributeUsages_NeverCrash_AndDiagnoseExactlyPerSpec()
    {
        var seedText = Environment.GetEnvironmentVariable("CONVGEN_FUZZ_SEED");
        var seed = int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var rng = new Random(seed);
        var usages = Enumerable.Range(0, UsageCount).Select(i => UsageGenerator.Create(rng, i)).ToList();

        var failures = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        var invalidBatchCsErrorsInGenerated = 0;
        // Valid usages are compiled together so that "the whole compilation is clean" is meaningful.
        foreach (var batch in usages.Where(u => u.Kind == Kind.Valid).Chunk(BatchSize))
            RunBatch(batch, expectClean: true, failures, ref invalidBatchCsErrorsInGenerated);
        var validSeconds = stopwatch.Elapsed.TotalSeconds;
        var slow = new List<(double, Usage[])>();
        foreach (var batch in usages.Where(u => u.Kind != Kind.Valid && !u.Skip).Chunk(BatchSize))
        {
            var t0 = stopwatch.Elapsed.TotalSeconds;
            RunBatch(batch, expectClean: false, failures, ref invalidBatchCsErrorsInGenerated);
            slow.Add((stopwatch.Elapsed.TotalSeconds - t0, batch));
        }

        foreach (var (t, b) in slow.OrderByDescending(x => x.Item1).Take(1))
            _output.WriteLine($"slowest non-valid batch {t:F2}s, from usage #{b[0].Index}");

        var counts = string.Join(", ", Enum.GetValues<Kind>().Select(k => $"{k}: {usages.Count(u => u.Kind == k)}")) +
                     $" ; not compiled (valid but too large, uncertain): {usages.Count(u => u.Skip)}";
        _output.WriteLine($"seed {seed}; {usages.Count} usages ({counts}); {stopwatch.Elapsed.TotalSeconds:F1} s (valid batches {validSeconds:F1} s); " +
                          $"CS errors inside generated sources of non-valid batches: {invalidBatchCsErrorsInGenerated}");
        Assert.True(failures.Count == 0,
            $"CONVGEN_FUZZ_SEED={seed}: {failures.Count} failures ({counts}); first ones:\n\n" + string.Join("\n\n", failures.Take(15)));
    }

    internal static void RunBatch(Usage[] batch, bool expectClean, List<string> failures, ref int csErrorsInGenerated)
    {
        var sources = new List<string>();
        var owner = new Dictionary<string, Usage>(StringComparer.Ordinal);
        foreach (var u in batch)
        {
            foreach (var f in u.Files)
            {
                owner[GeneratorDriverHelper.PathOf(sources.Count)] = u;
                sources.Add(f);
            }
        }

        GeneratorOutput output;
        try
        {
            output = GeneratorDriverHelper.Run(GeneratorDriverHelper.CreateCompilation(sources.ToArray()));
        }
        catch (Exception e)
        {
            failures.Add("The driver threw for the batch starting at usage " + batch[0].Index + ": " + e + "\n" + Describe(batch[0]));
            return;
        }

        foreach (var r in output.RunResult.Results)
            if (r.Exception is not null)
                failures.Add("The generator threw: " + r.Exception + "\nbatch: " + string.Join(", ", batch.Select(b => b.Index)));
        var all = output.GeneratorDiagnostics.Concat(output.OutputDiagnostics).ToList();
        foreach (var d in all.Where(d => d.Id is "CS8784" or "CS8785" or "AD0001" || d.GetMessage(CultureInfo.InvariantCulture).Contains("internal error", StringComparison.Ordinal)))
        {
            owner.TryGetValue(d.Location.GetLineSpan().Path ?? "", out var u);
            failures.Add("Generator failure: " + GeneratorDriverHelper.Format(new[] { d }) + (u is null ? "" : Describe(u)));
        }

        // What every generated file promises, whatever the layer: stack scratch within its documented bound.
        foreach (var (hint, text) in output.LayerSources)
            if (GeneratorDriverHelper.LargestStackAllocBytes(text) is var bytes && bytes > 256 * 1024)
                failures.Add($"{hint}: stackalloc of {bytes} bytes, above the 256 KiB bound");

        var userTrees = output.OutputCompilation.SyntaxTrees.Take(sources.Count).ToHashSet();
        foreach (var u in batch)
        {
            var mine = all.Where(d => owner.TryGetValue(d.Location.GetLineSpan().Path ?? "", out var o) && o == u).ToList();
            switch (u.Kind)
            {
                case Kind.Valid:
                {
                    var bad = mine.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591").ToList();
                    if (bad.Count > 0)
                        failures.Add("Valid usage got diagnostics:\n" + GeneratorDriverHelper.Format(bad) + Describe(u));
                    if (!output.LayerSources.Keys.Any(k => k.Contains(u.Token + ".", StringComparison.Ordinal)))
                        failures.Add("Valid usage generated no layer source (hints: " + string.Join(", ", output.LayerSources.Keys.Take(5)) + "...)\n" + Describe(u));
                    break;
                }
                case Kind.Invalid:
                    if (!mine.Any(d => d.Id.StartsWith("CONV", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error))
                        failures.Add($"Invalid usage ({u.Why}) got no CONV error; it got:\n" + GeneratorDriverHelper.Format(mine) + Describe(u));
                    break;
            }
        }

        var elsewhere = output.OutputDiagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => d.Location.SourceTree is null || !userTrees.Contains(d.Location.SourceTree))
            .ToList();
        if (expectClean)
        {
            if (elsewhere.Count > 0)
                failures.Add("A batch of valid usages has diagnostics outside the user files:\n" + GeneratorDriverHelper.Format(elsewhere.Take(10)) +
                             "\nfirst usage of the batch:" + Describe(batch[0]));
        }
        else
        {
            csErrorsInGenerated += elsewhere.Count(d => d.Severity == DiagnosticSeverity.Error);
        }
    }

    internal static string Describe(Usage u) =>
        $"\n--- usage #{u.Index} ({u.Kind}{(u.Why.Length > 0 ? ": " + u.Why : "")}) ---\n" + string.Join("\n--- next file ---\n", u.Files);

    /// <summary>Builds random usages and classifies them with an independent reading of SPEC.md.</summary>
    internal static class UsageGenerator
    {
        private static readonly string[] AlwaysGenerated =
        {
            "InputChannels", "InputHeight", "InputWidth", "OutputChannels", "OutputHeight", "OutputWidth",
            "KernelHeight", "KernelWidth", "InputLength", "OutputLength", "WeightsLength", "BiasLength", "Forward", "Transpose",
        };

        private static readonly string[] IntProperties =
        {
            "Stride", "StrideH", "StrideW", "Padding", "PaddingH", "PaddingW", "PaddingTop", "PaddingBottom", "PaddingLeft",
            "PaddingRight", "Dilation", "DilationH", "DilationW", "OutputPadding", "OutputPaddingH", "OutputPaddingW", "Groups",
        };

        private static readonly string[] OtherProperties = { "AutoPad", "PaddingMode", "Bias", "Activation", "Flip", "ElementType", "Weights", "Unroll" };

        private static readonly long[] Specials = { 0, -1, -2, 1, 2, 3, int.MaxValue, int.MinValue, 100_000, 46_341, 65_536 };

        private sealed class Attr
        {
            public bool Transpose;
            public long[] Pos = new long[6];
            public string[] PosText = new string[6];
            public readonly List<(string Name, string Text, object? Value)> Named = new();
            public bool BindError;
            public string BindWhy = "";
            public readonly List<string> Uncertain = new();
            public bool TooLarge;

            public bool Has(string n) => Named.Any(a => a.Name == n);
            public object? Get(string n) => Named.First(a => a.Name == n).Value;
            public long Int(string n, long dflt) => Has(n) ? (long)Get(n)! : dflt;

            public string? Raw;

            public string Text()
            {
                if (Raw is not null) return Raw;
                var args = PosText.Concat(Named.Select(a => a.Name + " = " + a.Text));
                return (Transpose ? "ConvTranspose2D" : "Conv2D") + "(" + string.Join(", ", args) + ")";
            }
        }

        private static string IntText(Random rng, long v)
        {
            if (v == int.MaxValue) return rng.Next(2) == 0 ? "int.MaxValue" : "2147483647";
            if (v == int.MinValue) return "int.MinValue";
            if (v > 1 && v < 50 && rng.Next(12) == 0) return $"(1 + {v - 1})";
            return v.ToString(CultureInfo.InvariantCulture);
        }

        private static long Special(Random rng) => Specials[rng.Next(Specials.Length)];

        public static Usage Create(Random rng, int index)
        {
            var u = new Usage { Index = index, Token = "L" + index };
            var mode = rng.Next(100); // < 50 tidy, < 85 messy, else broken
            var attr = mode < 50 ? Tidy(rng) : Messy(rng);
            if (mode >= 85) Break(rng, attr);
            var attrText = attr.Text();
            var why = new List<string>();
            var uncertain = new List<string>(attr.Uncertain);
            Classify(attr, why, uncertain);

            var ns = "Fuzz.N" + index;
            var name = u.Token;
            var body = "{ }";
            string decl;
            string? secondFile = null;
            string? attrList = null;
            var fileScoped = false;
            var target = rng.Next(100);
            string keyword = "public static partial class";
            string? outer = null;
            if (target < 40) keyword = "public static partial class";
            else if (target < 45) keyword = "internal partial class";
            else if (target < 50) keyword = "public partial struct";
            else if (target < 54) keyword = "public partial record";
            else if (target < 58) keyword = "public partial record struct";
            else if (target < 60) keyword = "internal readonly partial struct";
            else if (target < 62) keyword = "public abstract partial class";
            else if (target < 65) outer = "public partial class Outer" + index;
            else if (target < 67) outer = "internal static partial class Outer" + index;
            else if (target < 69) { keyword = "public static class"; why.Add("not partial"); }
            else if (target < 71) { name += "<TX>"; keyword = "public partial class"; why.Add("generic"); }
            else if (target < 73) { outer = "public partial class Outer" + index + "<TO>"; why.Add("nested in generic"); }
            else if (target < 75) { outer = "public class Outer" + index; why.Add("nested in non-partial"); }
            else if (target < 77) { keyword = "file static partial class"; why.Add("file-local"); }
            else if (target < 81) fileScoped = true;
            else if (target < 83) ns = "";
            else if (target < 86)
            {
                secondFile = $"namespace {ns}\n{{\n    public static partial class {name}\n    {{\n        public static int Helper() => 1;\n    }}\n}}\n";
            }
            else if (target < 88)
            {
                var member = AlwaysGenerated[rng.Next(AlwaysGenerated.Length)];
                secondFile = $"namespace {ns}\n{{\n    public static partial class {name}\n    {{\n        public const int {member} = 1;\n    }}\n}}\n";
                why.Add("collision (second part): " + member);
            }
            else if (target < 92)
            {
                var pick = rng.Next(AlwaysGenerated.Length + 2);
                var member = pick < AlwaysGenerated.Length ? AlwaysGenerated[pick] : pick == AlwaysGenerated.Length ? "BiasGradient" : "WeightsGradient";
                body = rng.Next(2) == 0 ? $"{{ public static void {member}(int unused) {{ }} }}" : $"{{ public static int {member} => 1; }}";
                if (pick < AlwaysGenerated.Length) why.Add("collision: " + member);
                else if (member == "BiasGradient" && attr.Has("Bias") && Equals(attr.Get("Bias"), true)) why.Add("collision: BiasGradient");
                else if (member == "WeightsGradient" && !attr.Has("Weights")) why.Add("collision: WeightsGradient");
                else uncertain.Add("collides with a conditionally generated member");
            }
            else if (target < 94)
            {
                name = AlwaysGenerated[rng.Next(AlwaysGenerated.Length)];
                u.Token = name;
                why.Add("type named like a member");
            }
            else if (target < 96)
            {
                keyword = "public partial record";
                name += "(int InputLength)";
                body = "";
                why.Add("record parameter collides");
            }
            else if (target < 98)
            {
                var other = attr.Transpose ? "Conv2D(1, 4, 4, 1, 3, 3)" : "ConvTranspose2D(1, 4, 4, 1, 3, 3)";
                attrList = rng.Next(2) == 0 ? $"[{attrText}]\n[{other}]" : $"[{other}, {attrText}]";
                why.Add("both attributes");
            }
            else
            {
                keyword = "public partial interface";
                attr.BindError = true; // CS0592: the attributes are valid on classes and structs only
                attr.BindWhy = "interface target";
            }

            attrList ??= "[" + attrText + "]";
            if (body == "" && !keyword.Contains("record", StringComparison.Ordinal)) body = "{ }";
            decl = $"{attrList}\n{keyword} {name}{(body.Length == 0 ? ";" : " " + body)}";
            if (outer is not null) decl = outer + "\n{\n" + decl + "\n}";

            var sb = new StringBuilder("using ConvGen;\n\n");
            if (ns.Length == 0) sb.Append(decl).Append('\n');
            else if (fileScoped) sb.Append("namespace ").Append(ns).Append(";\n\n").Append(decl).Append('\n');
            else sb.Append("namespace ").Append(ns).Append("\n{\n").Append(decl).Append("\n}\n");
            u.Files.Add(sb.ToString());
            if (secondFile is not null) u.Files.Add(secondFile);
            u.Attribute = attrText;

            if (attr.BindError) { u.Kind = Kind.BindError; u.Why = attr.BindWhy; }
            else if (why.Count > 0) { u.Kind = Kind.Invalid; u.Why = string.Join("; ", why); }
            else if (uncertain.Count > 0) { u.Kind = Kind.Uncertain; u.Why = string.Join("; ", uncertain); }
            else u.Kind = Kind.Valid;
            u.Skip = attr.TooLarge && u.Kind is Kind.Uncertain;
            return u;
        }

        private static void SetPos(Random rng, Attr a, int i, long v)
        {
            a.Pos[i] = v;
            a.PosText[i] = IntText(rng, v);
        }

        private static void AddInt(Random rng, Attr a, string name, long v) => a.Named.Add((name, IntText(rng, v), v));

        private static long WeightsLength(Attr a)
        {
            var g = a.Int("Groups", 1);
            if (g <= 0) g = 1;
            return a.Transpose ? a.Pos[0] * (a.Pos[3] / g) * a.Pos[4] * a.Pos[5] : a.Pos[3] * (a.Pos[0] / g) * a.Pos[4] * a.Pos[5];
        }

        private static readonly string[] WeightValues = { "0", "1", "-1", "0.5", "-0.25", "2", "0.125", "3", "-2" };

        private static void AddWeights(Random rng, Attr a, bool mostlyRight)
        {
            var len = WeightsLength(a);
            var roll = rng.Next(10);
            if (roll == 0) { a.Named.Add(("Weights", "null", null)); return; }
            long n;
            if (mostlyRight ? roll < 8 : roll < 4) n = len;
            else if (roll == 9) n = 0;
            else n = Math.Max(0, len + (rng.Next(2) == 0 ? 1 : -1));
            if (n > 400 || n < 0) n = rng.Next(1, 10);
            var values = Enumerable.Range(0, (int)n).Select(_ => WeightValues[rng.Next(WeightValues.Length)]);
            var text = rng.Next(4) == 0 && n > 0 ? "new[] { " + string.Join(", ", values.Select(v => v.Contains('.') ? v : v + ".0")) + " }"
                : "new double[] { " + string.Join(", ", values) + " }";
            a.Named.Add(("Weights", text, n));
        }

        private static void AddOther(Random rng, Attr a, string name, bool tidy)
        {
            switch (name)
            {
                case "AutoPad":
                {
                    var r = rng.Next(tidy ? 4 : 6);
                    if (r < 4) a.Named.Add((name, "ConvAutoPad." + new[] { "NotSet", "Valid", "SameUpper", "SameLower" }[r], (long)r));
                    else { var v = r == 4 ? 7 : -1; a.Named.Add((name, $"(ConvAutoPad)({v})", (long)v)); }
                    break;
                }
                case "PaddingMode":
                {
                    var r = rng.Next(tidy ? 4 : 5);
                    if (r < 4) a.Named.Add((name, "ConvPaddingMode." + new[] { "Zeros", "Reflect", "Replicate", "Circular" }[r], (long)r));
                    else a.Named.Add((name, "(ConvPaddingMode)4", 4L));
                    break;
                }
                case "Activation":
                {
                    // Every kind that needs no parameter (Clip needs a bound); 10 is the first undefined value.
                    var r = rng.Next(tidy ? 9 : 10);
                    if (r < 9) a.Named.Add((name, "ConvActivation." + new[] { "None", "Relu", "Relu6", "LeakyRelu", "Sigmoid", "Tanh", "Silu", "HardSigmoid", "HardSwish" }[r], (long)r));
                    else a.Named.Add((name, "(ConvActivation)10", 10L));
                    break;
                }
                case "Unroll":
                {
                    var r = rng.Next(tidy ? 2 : 3);
                    if (r < 2) a.Named.Add((name, "ConvUnroll." + (r == 0 ? "Auto" : "Full"), (long)r));
                    else a.Named.Add((name, "(ConvUnroll)5", 5L));
                    break;
                }
                case "Bias":
                case "Flip":
                {
                    var v = rng.Next(2) == 0;
                    a.Named.Add((name, v ? "true" : "false", v));
                    break;
                }
                case "ElementType":
                {
                    var r = rng.Next(tidy ? 2 : 5);
                    var t = new[] { "float", "double", "int", "string", "null" }[r];
                    a.Named.Add((name, t == "null" ? "null" : $"typeof({t})", t));
                    break;
                }
                case "Weights":
                    AddWeights(rng, a, tidy);
                    break;
            }
        }

        private static Attr Tidy(Random rng)
        {
            var a = new Attr { Transpose = rng.Next(2) == 0 };
            for (var i = 0; i < 6; i++) SetPos(rng, a, i, i >= 4 ? rng.Next(1, 4) : rng.Next(1, 7));
            var stride = 1L;
            var dil = 1L;
            switch (rng.Next(4))
            {
                case 1: AddInt(rng, a, "Stride", stride = rng.Next(1, 4)); break;
                case 2: AddInt(rng, a, "StrideH", stride = rng.Next(1, 3)); if (rng.Next(2) == 0) AddInt(rng, a, "StrideW", rng.Next(1, 3)); break;
            }
            switch (rng.Next(5))
            {
                case 1: AddInt(rng, a, "Dilation", dil = rng.Next(1, 3)); break;
                case 2: AddInt(rng, a, "DilationW", rng.Next(1, 3)); break;
            }
            switch (rng.Next(6))
            {
                case 1: AddInt(rng, a, "Padding", rng.Next(0, 3)); break;
                case 2: AddInt(rng, a, "PaddingH", rng.Next(0, 3)); AddInt(rng, a, "PaddingW", rng.Next(0, 3)); break;
                case 3:
                    foreach (var n in new[] { "PaddingTop", "PaddingBottom", "PaddingLeft", "PaddingRight" })
                        if (rng.Next(2) == 0) AddInt(rng, a, n, rng.Next(0, 3));
                    break;
                case 4: AddOther(rng, a, "AutoPad", true); break;
            }

            if (a.Transpose && rng.Next(3) == 0) AddInt(rng, a, "OutputPadding", rng.Next(0, (int)Math.Max(stride, dil)));
            else if (!a.Transpose && rng.Next(15) == 0) AddInt(rng, a, "OutputPaddingH", 0);
            if (rng.Next(3) == 0)
            {
                var g = Gcd(a.Pos[0], a.Pos[3]);
                var divisors = Enumerable.Range(1, (int)g).Where(x => g % x == 0).ToArray();
                AddInt(rng, a, "Groups", divisors[rng.Next(divisors.Length)]);
            }

            if (!a.Transpose && rng.Next(3) == 0) AddOther(rng, a, "PaddingMode", true);
            else if (a.Transpose && rng.Next(15) == 0) a.Named.Add(("PaddingMode", "ConvPaddingMode.Zeros", 0L));
            foreach (var n in new[] { "Bias", "Activation", "Flip", "ElementType", "Unroll" })
                if (rng.Next(3) == 0) AddOther(rng, a, n, true);
            if (rng.Next(4) == 0) AddWeights(rng, a, true);
            Shuffle(rng, a.Named);
            return a;
        }

        private static Attr Messy(Random rng)
        {
            var a = new Attr { Transpose = rng.Next(2) == 0 };
            for (var i = 0; i < 6; i++)
                SetPos(rng, a, i, rng.Next(8) == 0 ? Special(rng) : i >= 4 ? rng.Next(1, 4) : rng.Next(1, 7));
            foreach (var n in IntProperties)
            {
                if (rng.Next(7) != 0) continue;
                long v = rng.Next(6) == 0 ? Special(rng) : n.StartsWith("Padding", StringComparison.Ordinal) || n.StartsWith("Output", StringComparison.Ordinal) ? rng.Next(0, 3) : rng.Next(1, 4);
                AddInt(rng, a, n, v);
            }

            foreach (var n in OtherProperties)
                if (rng.Next(6) == 0) AddOther(rng, a, n, false);
            Shuffle(rng, a.Named);
            return a;
        }

        /// <summary>Mistyped, missing or malformed arguments: the compiler reports these; the generator must not crash.</summary>
        private static void Break(Random rng, Attr a)
        {
            a.BindError = true;
            var name = a.Transpose ? "ConvTranspose2D" : "Conv2D";
            var pos = rng.Next(6);
            switch (rng.Next(16))
            {
                case 0: a.PosText[pos] = new[] { "1.5", "\"3\"", "true", "null", "undefinedName", "'c'", "3L", "typeof(int)" }[rng.Next(8)]; a.BindWhy = "wrong positional type"; break;
                case 1: a.PosText = a.PosText.Take(rng.Next(0, 6)).ToArray(); a.BindWhy = "missing positional"; break;
                case 2: a.PosText = a.PosText.Append("7").ToArray(); a.BindWhy = "extra positional"; break;
                case 3: a.Named.Add(("Stride", "1.5", null)); a.BindWhy = "double stride"; break;
                case 4: a.Named.Add(("Bias", "1", null)); a.BindWhy = "int bias"; break;
                case 5: a.Named.Add(("Weights", "new float[] { 1 }", null)); a.BindWhy = "float weights"; break;
                case 6: a.Named.Add(("ElementType", "\"float\"", null)); a.BindWhy = "string element type"; break;
                case 7: a.Named.Add(("Foo", "1", null)); a.BindWhy = "unknown property"; break;
                case 8: a.Named.Add(("Groups", "1", null)); a.Named.Add(("Groups", "1", null)); a.BindWhy = "duplicate named"; break;
                case 9: a.Named.Add(("Stride", "System.Environment.ProcessorCount", null)); a.BindWhy = "non-constant"; break;
                case 10: a.Named.Add(("Padding", "int.MaxValue + 1", null)); a.BindWhy = "constant overflow"; break;
                case 11: a.Named.Add(("Activation", "1", null)); a.BindWhy = "int to enum"; break;
                case 12: a.Named.Add(("Weights", "new double[] { 1, \"x\" }", null)); a.BindWhy = "bad array element"; break;
                case 13: a.PosText[pos] = a.PosText[pos] + " +"; a.BindWhy = "syntax: dangling operator"; break;
                case 14: a.Named.Add(("Stride", "", null)); a.BindWhy = "syntax: missing value"; break;
                default:
                {
                    // Syntax errors that cut the attribute: the whole text is produced by Text() and then mangled.
                    a.BindWhy = "syntax: cut attribute";
                    var variants = new[]
                    {
                        $"{name}({string.Join(", ", a.PosText.Take(3))}",
                        $"{name}({string.Join(" ", a.PosText)})",
                        $"{name}({string.Join(", , ", a.PosText)})",
                        $"{name}(,",
                        $"{name}({string.Join(", ", a.PosText)}, Weights = new double[] {{ 1, 2",
                    };
                    var v = variants[rng.Next(variants.Length)];
                    a.Raw = v;
                    break;
                }
            }
        }

        private static void Classify(Attr a, List<string> why, List<string> uncertain)
        {
            if (a.BindError) return;
            string[] posNames = { "c", "h", "w", "d", "p", "q" };
            for (var i = 0; i < 6; i++)
                if (a.Pos[i] <= 0) why.Add($"{posNames[i]} = {a.Pos[i]} not positive");

            void TwoForms(string x, params string[] ys)
            {
                if (a.Has(x) && ys.Any(a.Has)) why.Add($"two forms: {x} with {string.Join("/", ys.Where(a.Has))}");
            }

            TwoForms("Stride", "StrideH", "StrideW");
            TwoForms("Dilation", "DilationH", "DilationW");
            TwoForms("OutputPadding", "OutputPaddingH", "OutputPaddingW");
            TwoForms("Padding", "PaddingH", "PaddingW", "PaddingTop", "PaddingBottom", "PaddingLeft", "PaddingRight");
            TwoForms("PaddingH", "PaddingTop", "PaddingBottom");
            TwoForms("PaddingW", "PaddingLeft", "PaddingRight");
            var autoPad = a.Int("AutoPad", 0);
            string[] explicitPads = { "Padding", "PaddingH", "PaddingW", "PaddingTop", "PaddingBottom", "PaddingLeft", "PaddingRight" };
            if (autoPad != 0 && explicitPads.Any(a.Has)) why.Add("AutoPad with explicit padding");

            var sh = a.Int("StrideH", a.Int("Stride", 1));
            var sw = a.Int("StrideW", a.Int("Stride", 1));
            var dh = a.Int("DilationH", a.Int("Dilation", 1));
            var dw = a.Int("DilationW", a.Int("Dilation", 1));
            var oph = a.Int("OutputPaddingH", a.Int("OutputPadding", 0));
            var opw = a.Int("OutputPaddingW", a.Int("OutputPadding", 0));
            var pt = a.Int("PaddingTop", a.Int("PaddingH", a.Int("Padding", 0)));
            var pb = a.Int("PaddingBottom", a.Int("PaddingH", a.Int("Padding", 0)));
            var pl = a.Int("PaddingLeft", a.Int("PaddingW", a.Int("Padding", 0)));
            var pr = a.Int("PaddingRight", a.Int("PaddingW", a.Int("Padding", 0)));
            var groups = a.Int("Groups", 1);
            var mode = a.Int("PaddingMode", 0);
            foreach (var n in new[] { "Stride", "StrideH", "StrideW", "Dilation", "DilationH", "DilationW" })
                if (a.Has(n) && a.Int(n, 1) <= 0) why.Add($"{n} = {a.Int(n, 1)} not positive");
            foreach (var n in explicitPads.Concat(new[] { "OutputPadding", "OutputPaddingH", "OutputPaddingW" }))
                if (a.Has(n) && a.Int(n, 0) < 0) why.Add($"{n} = {a.Int(n, 0)} negative");
            if (groups <= 0) why.Add("Groups not positive");
            else if (a.Pos[0] > 0 && a.Pos[3] > 0 && (a.Pos[0] % groups != 0 || a.Pos[3] % groups != 0)) why.Add("Groups does not divide");
            foreach (var (n, max) in new[] { ("AutoPad", 3L), ("PaddingMode", 3L), ("Activation", 9L), ("Unroll", 1L) })
                if (a.Has(n) && (a.Int(n, 0) < 0 || a.Int(n, 0) > max)) why.Add($"{n} undefined value");
            if (a.Has("ElementType"))
            {
                var t = (string)a.Get("ElementType")!;
                if (t is "int" or "string") why.Add("ElementType " + t);
                else if (t == "null") uncertain.Add("ElementType = null");
            }

            if (a.Has("Weights") && a.Get("Weights") is null) why.Add("Weights = null");
            if (!a.Transpose && (oph != 0 || opw != 0)) why.Add("OutputPadding on Conv2D");
            if (a.Transpose && mode != 0) why.Add("PaddingMode on ConvTranspose2D");
            if (why.Count > 0) return;

            long c = a.Pos[0], h = a.Pos[1], w = a.Pos[2], d = a.Pos[3], p = a.Pos[4], q = a.Pos[5];
            long oh, ow;
            if (a.Transpose)
            {
                if (oph >= Math.Max(sh, dh)) why.Add("OutputPaddingH too large");
                if (opw >= Math.Max(sw, dw)) why.Add("OutputPaddingW too large");
                if (autoPad is 2 or 3)
                {
                    var th = oph + dh * (p - 1) + 1 - sh;
                    var tw = opw + dw * (q - 1) + 1 - sw;
                    if (th < 0 || tw < 0) why.Add("AutoPad negative total padding");
                    oh = h * sh;
                    ow = w * sw;
                }
                else
                {
                    if (autoPad == 1) pt = pb = pl = pr = 0;
                    oh = (h - 1) * sh - pt - pb + dh * (p - 1) + oph + 1;
                    ow = (w - 1) * sw - pl - pr + dw * (q - 1) + opw + 1;
                }
            }
            else
            {
                if (autoPad is 2 or 3)
                {
                    oh = (h + sh - 1) / sh;
                    ow = (w + sw - 1) / sw;
                    // SPEC: a forward convolution's negative total padding is clamped to 0.
                    var th = Math.Max(0, (oh - 1) * sh + dh * (p - 1) + 1 - h);
                    var tw = Math.Max(0, (ow - 1) * sw + dw * (q - 1) + 1 - w);
                    pt = autoPad == 2 ? th / 2 : th - th / 2;
                    pb = th - pt;
                    pl = autoPad == 2 ? tw / 2 : tw - tw / 2;
                    pr = tw - pl;
                }
                else
                {
                    if (autoPad == 1) pt = pb = pl = pr = 0;
                    oh = FloorDiv(h + pt + pb - dh * (p - 1) - 1, sh) + 1;
                    ow = FloorDiv(w + pl + pr - dw * (q - 1) - 1, sw) + 1;
                }

                if (mode == 1 && (Math.Max(pt, pb) >= h || Math.Max(pl, pr) >= w)) why.Add("Reflect padding too large");
                if (mode == 3 && (Math.Max(pt, pb) > h || Math.Max(pl, pr) > w)) why.Add("Circular padding too large");
            }

            if (oh < 1 || ow < 1) why.Add($"empty output {oh}x{ow}");
            var inputLength = (decimal)c * h * w;
            var outputLength = (decimal)d * Math.Max(oh, 0) * Math.Max(ow, 0);
            var weightsLength = (decimal)(a.Transpose ? c * (d / groups) : d * (c / groups)) * p * q;
            if (inputLength > int.MaxValue) why.Add("InputLength overflows");
            if (outputLength > int.MaxValue) why.Add("OutputLength overflows");
            if (weightsLength > int.MaxValue) why.Add("WeightsLength overflows");
            if (why.Count > 0) return;
            if (new[] { h + pt + pb, w + pl + pr, dh * (p - 1) + 1, dw * (q - 1) + 1, (h - 1) * sh + 1, (w - 1) * sw + 1 }.Any(x => x > int.MaxValue))
                uncertain.Add("an intermediate extent overflows int");
            var large = new[] { c, h, w, d, p, q, sh, sw, dh, dw, pt, pb, pl, pr, groups }.Any(x => x > 64);
            if (large) uncertain.Add("large layer");
            if (a.Has("Weights") && a.Get("Weights") is long wn && wn != weightsLength) why.Add($"Weights length {wn}, expected {weightsLength}");
            var macs = a.Transpose ? c * h * w * (d / groups) * p * q : outputLength * (c / groups) * p * q;
            if (a.Int("Unroll", 0) == 1 && macs > 2048) uncertain.Add("Unroll = Full near or above the budget");
            if (outputLength * inputLength > 50_000_000) uncertain.Add("large matrix");
            // Straight-line code is now bounded by element counts too (it once emitted 104 MB for
            // ConvTranspose2D(1, 5, 3, 2, 2, 2, StrideW = 65536)); only layers whose data alone is huge are not compiled.
            if (outputLength > 4_000_000 || inputLength > 4_000_000) a.TooLarge = true;
        }

        private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

        private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

        private static void Shuffle<T>(Random rng, List<T> list)
        {
            for (var i = list.Count - 1; i > 0; i--)
            {
                var j = rng.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }
        }
    }
}
