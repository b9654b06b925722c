using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// The pipeline is really incremental: a second run over an equal (or unrelated-ly edited) compilation finds
/// every tracked step Cached or Unchanged, and no step output holds a Roslyn object that would keep a
/// compilation alive or defeat the value comparison.
/// </summary>
public sealed class IncrementalTests
{
    /// <summary>Types no step output may hold, at any depth.</summary>
    private static readonly Type[] Banned =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel),
        typeof(AttributeData), typeof(Location), typeof(SyntaxReference),
    };

    /// <summary>
    /// What the input steps (<see cref="TrackingNames.Inputs"/>) may not hold: they hold the current trees' nodes,
    /// the references and options by design (that is how a changed file is told from an unchanged one), but never
    /// a symbol, a semantic model or a compilation other than weakly (a table must not keep an old one alive).
    /// </summary>
    private static readonly Type[] BannedFromInputs =
    {
        typeof(ISymbol), typeof(Compilation), typeof(SemanticModel), typeof(AttributeData), typeof(SyntaxReference),
    };

    /// <summary>Objects an input step may hold, not walked into.</summary>
    private static readonly Type[] InputLeaves =
    {
        typeof(SyntaxNode), typeof(SyntaxTree), typeof(MetadataReference), typeof(CompilationOptions),
    };

    private const string Layers = """
        using ConvGen;

        namespace Incremental;

        [Conv2D(1, 4, 4, 2, 3, 3, Padding = 1, Bias = true)]
        public static partial class Conv;

        [ConvTranspose2D(2, 3, 3, 1, 3, 3, Stride = 2)]
        public static partial class Up;
        """;

    // 8·6·6·4·3·3 = 10,368 multiply-adds: Unroll = Full warns (CONV100) and the layer is still generated.
    private const string WarningLayer = """
        using ConvGen;

        namespace Incremental;

        [Conv2D(4, 8, 8, 8, 3, 3, Unroll = ConvUnroll.Full)]
        public static partial class Wide;
        """;

    /// <summary>One layer of each 1-D and 3-D attribute.</summary>
    private const string NdLayers = """
        using ConvGen;

        namespace Incremental;

        [Conv1D(2, 8, 3, 3, Padding = 1)]
        public static partial class Line;

        [ConvTranspose1D(2, 4, 1, 4, Stride = 2)]
        public static partial class LineUp;

        [Conv3D(1, 3, 4, 4, 2, 2, 3, 3)]
        public static partial class Volume;

        [ConvTranspose3D(1, 2, 2, 2, 1, 2, 2, 2, Stride = 2)]
        public static partial class VolumeUp;

        [Linear(6, 3, Bias = true)]
        public static partial class Dense;

        [MaxPool1D(2, 8, 2)] public static partial class Peak1;
        [MaxPool2D(2, 8, 8, 2, 2)] public static partial class Peak2;
        [MaxPool3D(1, 4, 4, 4, 2, 2, 2)] public static partial class Peak3;
        [AvgPool1D(2, 8, 2)] public static partial class Mean1;
        [AvgPool2D(2, 8, 8, 2, 2, Padding = 1)] public static partial class Mean2;
        [AvgPool3D(1, 4, 4, 4, 2, 2, 2, CeilMode = true)] public static partial class Mean3;
        """;

    private const string ErrorLayer = """
        using ConvGen;

        namespace Incremental;

        [Conv2D(1, 4, 4, 1, 3, 3, Stride = 0)]
        public static partial class Broken;
        """;

    /// <summary>
    /// Runs one driver over <paramref name="first"/>, then over <paramref name="second"/>, checks both runs'
    /// step outputs for banned objects, and returns the second run.
    /// </summary>
    private static GeneratorRunResult RunTwice(Compilation first, Compilation second, out GeneratorRunResult firstRun)
    {
        var driver = GeneratorDriverHelper.CreateDriver();
        driver = driver.RunGenerators(first);
        firstRun = Assert.Single(driver.GetRunResult().Results);
        driver = driver.RunGenerators(second);
        var secondRun = Assert.Single(driver.GetRunResult().Results);
        foreach (var run in new[] { firstRun, secondRun })
        {
            Assert.True(run.Exception is null, "The generator threw: " + run.Exception);
            foreach (var (name, steps) in run.TrackedSteps.Where(s => TrackingNames.All.Contains(s.Key)))
                foreach (var step in steps)
                    for (var i = 0; i < step.Outputs.Length; i++)
                        AssertHoldsNoRoslynObjects(step.Outputs[i].Value, $"{name}[{i}]");
            foreach (var (name, steps) in run.TrackedSteps.Where(s => TrackingNames.Inputs.Contains(s.Key)))
                foreach (var step in steps)
                    for (var i = 0; i < step.Outputs.Length; i++)
                        AssertHoldsNoRoslynObjects(step.Outputs[i].Value, $"{name}[{i}]", BannedFromInputs, InputLeaves);
        }

        return secondRun;
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult run, string step) =>
        run.TrackedSteps.TryGetValue(step, out var steps)
            ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason)
            : Enumerable.Empty<IncrementalStepRunReason>();

    /// <summary>Walks the object graph (fields, recursively, each object once) and fails on a banned type,
    /// whether held as a value or merely declared as a field's type.</summary>
    private static void AssertHoldsNoRoslynObjects(object? root, string path) => AssertHoldsNoRoslynObjects(root, path, Banned, Type.EmptyTypes);

    private static void AssertHoldsNoRoslynObjects(object? root, string path, Type[] bannedTypes, Type[] leaves)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(root, path, 0);

        void Walk(object? value, string at, int depth)
        {
            if (value is null) return;
            var type = value.GetType();
            foreach (var banned in bannedTypes)
                Assert.False(banned.IsInstanceOfType(value), $"{at} holds a {type.FullName} (a {banned.Name})");
            if (leaves.Any(leaf => leaf.IsInstanceOfType(value))) return;
            if (type.IsPrimitive || type.IsEnum || type.IsPointer || value is string or decimal or Type or Delegate or MemberInfo)
                return;
            if (!type.IsValueType && !visited.Add(value)) return;
            Assert.True(depth < 100, $"{at}: object graph deeper than 100");

            if (value is Array array)
            {
                if (type.GetElementType() is { IsPrimitive: true } or { IsEnum: true }) return;
                var i = 0;
                foreach (var item in array) Walk(item, $"{at}[{i++}]", depth + 1);
                return;
            }

            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    foreach (var banned in bannedTypes)
                        Assert.False(banned.IsAssignableFrom(field.FieldType), $"{at}.{field.Name} is declared as {field.FieldType.Name}");
                    if (field.FieldType.IsPointer || field.FieldType.IsByRefLike) continue;
                    Walk(field.GetValue(value), $"{at}.{field.Name}", depth + 1);
                }
            }
        }
    }

    private sealed record Holder(object? Value);

    private sealed class Declared
    {
        public ISymbol? Symbol = null; // null, but declared: still rejected
    }

    [Fact]
    public void TheObjectGraphCheck_RejectsRoslynObjectsAtAnyDepth()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { }");
        AssertHoldsNoRoslynObjects(new Holder(new Holder(new[] { 1, 2 })), "ok");
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertHoldsNoRoslynObjects(new Holder(tree), "tree"));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            AssertHoldsNoRoslynObjects(new Holder(new List<object> { 1, new Holder(tree.GetRoot().GetLocation()) }), "location"));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            AssertHoldsNoRoslynObjects(ImmutableArray.Create<object>(new Holder(tree.GetRoot())), "node"));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertHoldsNoRoslynObjects(new Declared(), "declared"));
    }

    [Fact]
    public void EveryTrackingNameIsExercised()
    {
        var compilation = GeneratorDriverHelper.CreateCompilation(Layers, ErrorLayer, NdLayers);
        RunTwice(compilation, compilation.Clone(), out var first);
        var names = TrackingNames.Inputs.Concat(TrackingNames.All).ToArray();
        Assert.All(names, name => Assert.True(first.TrackedSteps.ContainsKey(name), $"step {name} did not run"));
        Assert.Equal(names.Length, names.Distinct().Count());
    }

    // ── Scenarios: every tracked step's reasons, exactly ──────────────────────────────────────────────────
    // The compilation holds three [Conv2D] layers (Conv, Wide with its CONV100 warning, Broken with a CONV007
    // error: two models) and one [ConvTranspose2D] (Up). Each line below is one tracked step and the reason of
    // each of its outputs, sorted. "Layers" binds a type (symbol, attributes, transform): it runs again only for
    // the types of a changed file, and for a type whose key changed (a declaration it can see), Unchanged when
    // the result is equal. Downstream of an equal value nothing runs again: "Files" feeds the source output, so a
    // layer's code is emitted again only where its Files output is New or Modified.

    private static Compilation Project(params string[] extra) =>
        GeneratorDriverHelper.CreateCompilation(new[] { Layers, WarningLayer, ErrorLayer, Unrelated }.Concat(extra).ToArray());

    private const string Unrelated = "namespace Elsewhere;\npublic static class Util { public static int Twice(int x) => 2 * x; }\n";

    private static Compilation Replace(Compilation compilation, int index, string newText)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old,
            CSharpSyntaxTree.ParseText(newText, GeneratorDriverHelper.ParseOptions, old.FilePath, System.Text.Encoding.UTF8));
    }

    /// <summary>"Step: Reason, Reason" for every tracked step that has outputs, in <see cref="TrackingNames.All"/> order
    /// (the steps of an attribute no layer of the scenario uses have none).</summary>
    private static string Describe(GeneratorRunResult run) =>
        string.Join("\n", TrackingNames.All.Where(name => Reasons(run, name).Any()).Select(name => name + ": " + string.Join(", ",
            Reasons(run, name).Select(r => r.ToString()).OrderBy(r => r, StringComparer.Ordinal))));

    private static void AssertSteps(GeneratorRunResult run, string expected)
    {
        var actual = Describe(run);
        Assert.True(expected.ReplaceLineEndings("\n") == actual, $"Expected:\n{expected}\n\nActual:\n{actual}");
    }

    [Fact]
    public void Scenario_NothingChanged_EverythingDownstreamCached()
    {
        // A new (equal) compilation: the transform runs again and finds every result equal.
        var compilation = Project();
        var second = RunTwice(compilation, compilation.Clone(), out _);
        AssertSteps(second, """
            Layers: Cached, Cached, Cached, Cached
            Conv2DResults: Cached, Cached, Cached
            Conv2DDiagnostics: Cached, Cached, Cached
            Conv2DModels: Cached, Cached
            Conv2DHintClashes: Cached
            Conv2DFiles: Cached, Cached
            ConvTranspose2DResults: Cached
            ConvTranspose2DDiagnostics: Cached
            ConvTranspose2DModels: Cached
            ConvTranspose2DHintClashes: Cached
            ConvTranspose2DFiles: Cached
            """);
        AssertEveryOutputStepCached(second);
    }

    [Fact]
    public void Scenario_KeystrokeInAMethodBodyOfAnUnrelatedFile_NothingIsBoundAgain()
    {
        var compilation = Project();
        var edited = Replace(compilation, 3, Unrelated.Replace("2 * x", "2 * x + 0", StringComparison.Ordinal));
        var second = RunTwice(compilation, edited, out _);
        AssertSteps(second, """
            Layers: Cached, Cached, Cached, Cached
            Conv2DResults: Cached, Cached, Cached
            Conv2DDiagnostics: Cached, Cached, Cached
            Conv2DModels: Cached, Cached
            Conv2DHintClashes: Cached
            Conv2DFiles: Cached, Cached
            ConvTranspose2DResults: Cached
            ConvTranspose2DDiagnostics: Cached
            ConvTranspose2DModels: Cached
            ConvTranspose2DHintClashes: Cached
            ConvTranspose2DFiles: Cached
            """);
        AssertEveryOutputStepCached(second);
    }

    [Fact]
    public void Scenario_DeclarationAddedInAnUnrelatedFile_NothingIsBoundAgain()
    {
        // No layer names the new constant (nor anything that names it): every type's key is equal.
        var compilation = Project();
        var edited = Replace(compilation, 3, Unrelated.Replace("public static int Twice", "public const int Extra = 1; public static int Twice", StringComparison.Ordinal));
        var second = RunTwice(compilation, edited, out _);
        AssertSteps(second, """
            Layers: Cached, Cached, Cached, Cached
            Conv2DResults: Cached, Cached, Cached
            Conv2DDiagnostics: Cached, Cached, Cached
            Conv2DModels: Cached, Cached
            Conv2DHintClashes: Cached
            Conv2DFiles: Cached, Cached
            ConvTranspose2DResults: Cached
            ConvTranspose2DDiagnostics: Cached
            ConvTranspose2DModels: Cached
            ConvTranspose2DHintClashes: Cached
            ConvTranspose2DFiles: Cached
            """);
        AssertEveryOutputStepCached(second);
    }

    [Fact]
    public void Scenario_AConstantALayerUsesChangesInAnotherFile_OnlyThatLayerIsBoundAgain()
    {
        const string sizes = "namespace Incremental;\npublic static class Sizes { public const int N = 4; }\n";
        const string sized = "using ConvGen;\nnamespace Incremental;\n[Conv2D(1, Sizes.N, Sizes.N, 1, 3, 3)]\npublic static partial class Sized;\n";
        var compilation = Project(sizes, sized);
        var edited = Replace(compilation, 4, sizes.Replace("N = 4", "N = 5", StringComparison.Ordinal));
        var second = RunTwice(compilation, edited, out _);
        AssertSteps(second, """
            Layers: Cached, Cached, Cached, Cached, Modified
            Conv2DResults: Cached, Cached, Cached, Modified
            Conv2DDiagnostics: Cached, Cached, Cached, Unchanged
            Conv2DModels: Cached, Cached, Modified
            Conv2DHintClashes: Unchanged
            Conv2DFiles: Cached, Cached, Modified
            ConvTranspose2DResults: Cached
            ConvTranspose2DDiagnostics: Cached
            ConvTranspose2DModels: Cached
            ConvTranspose2DHintClashes: Cached
            ConvTranspose2DFiles: Cached
            """);
        Assert.Contains("InputHeight = 5", second.GeneratedSources.Single(s => s.HintName == "Incremental.Sized.Conv2D.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_UnrelatedFileAdded_NothingIsBoundAgain()
    {
        var compilation = Project();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Elsewhere; public sealed class Other { public int Value => 42; }",
            GeneratorDriverHelper.ParseOptions, "/test/Other.cs"));
        var second = RunTwice(compilation, edited, out _);
        AssertSteps(second, """
            Layers: Cached, Cached, Cached, Cached
            Conv2DResults: Cached, Cached, Cached
            Conv2DDiagnostics: Cached, Cached, Cached
            Conv2DModels: Cached, Cached
            Conv2DHintClashes: Cached
            Conv2DFiles: Cached, Cached
            ConvTranspose2DResults: Cached
            ConvTranspose2DDiagnostics: Cached
            ConvTranspose2DModels: Cached
            ConvTranspose2DHintClashes: Cached
            ConvTranspose2DFiles: Cached
            """);
        AssertEveryOutputStepCached(second);
    }

    [Fact]
    public void Scenario_CommentEditInTheAnnotatedFile_OnlyItsTypesAreBoundAgain()
    {
        var compilation = Project();
        var edited = Replace(compilation, 0, "// A comment that moves every declaration down a line.\n" +
            Layers.Replace("public static partial class Up;", "public static partial class Up; // upsampling", StringComparison.Ordinal));
        var second = RunTwice(compilation, edited, out _);
        AssertSteps(second, """
            Layers: Cached, Cached, Unchanged, Unchanged
            Conv2DResults: Cached, Cached, Cached
            Conv2DDiagnostics: Cached, Cached, Cached
            Conv2DModels: Cached, Cached
            Conv2DHintClashes: Cached
            Conv2DFiles: Cached, Cached
            ConvTranspose2DResults: Cached
            ConvTranspose2DDiagnostics: Cached
            ConvTranspose2DModels: Cached
            ConvTranspose2DHintClashes: Cached
            ConvTranspose2DFiles: Cached
            """);
        AssertEveryOutputStepCached(second);
    }

    [Fact]
    public void Scenario_OneAttributeValueChanged_RegeneratesThatLayerOnly()
    {
        var compilation = Project();
        var edited = Replace(compilation, 0, Layers.Replace("[Conv2D(1, 4, 4, 2,", "[Conv2D(2, 4, 4, 2,", StringComparison.Ordinal));
        var second = RunTwice(compilation, edited, out var first);
        // The clash set is recomputed (a model changed) and found equal, so no other layer's file is touched.
        AssertSteps(second, """
            Layers: Cached, Cached, Modified, Unchanged
            Conv2DResults: Cached, Cached, Modified
            Conv2DDiagnostics: Cached, Cached, Unchanged
            Conv2DModels: Cached, Modified
            Conv2DHintClashes: Unchanged
            Conv2DFiles: Cached, Modified
            ConvTranspose2DResults: Cached
            ConvTranspose2DDiagnostics: Cached
            ConvTranspose2DModels: Cached
            ConvTranspose2DHintClashes: Cached
            ConvTranspose2DFiles: Cached
            """);
        Assert.NotEqual(LayerSource(first, "Conv"), LayerSource(second, "Conv"));
        Assert.Contains("InputChannels = 2", LayerSource(second, "Conv"), StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_DiagnosticsOnlyChange_WarningMovedDownALine_NoSourceIsEmittedAgain()
    {
        var compilation = Project();
        var edited = Replace(compilation, 1, WarningLayer.Replace("[Conv2D(", "\n[Conv2D(", StringComparison.Ordinal));
        var second = RunTwice(compilation, edited, out var first);
        AssertSteps(second, """
            Layers: Cached, Cached, Cached, Modified
            Conv2DResults: Cached, Cached, Modified
            Conv2DDiagnostics: Cached, Cached, Modified
            Conv2DModels: Cached, Unchanged
            Conv2DHintClashes: Cached
            Conv2DFiles: Cached, Cached
            ConvTranspose2DResults: Cached
            ConvTranspose2DDiagnostics: Cached
            ConvTranspose2DModels: Cached
            ConvTranspose2DHintClashes: Cached
            ConvTranspose2DFiles: Cached
            """);
        Assert.Contains(first.Diagnostics, d => d.Id == "CONV100" && d.Location.GetLineSpan().StartLinePosition.Line == 4);
        Assert.Contains(second.Diagnostics, d => d.Id == "CONV100" && d.Location.GetLineSpan().StartLinePosition.Line == 5);
    }

    [Fact]
    public void Scenario_DiagnosticsOnlyChange_ErrorValueChanged_OnlyItsDiagnosticsAreReportedAgain()
    {
        var compilation = Project();
        var edited = Replace(compilation, 2, ErrorLayer.Replace("Stride = 0", "Stride = -3", StringComparison.Ordinal));
        var second = RunTwice(compilation, edited, out var first);
        AssertSteps(second, """
            Layers: Cached, Cached, Cached, Modified
            Conv2DResults: Cached, Cached, Modified
            Conv2DDiagnostics: Cached, Cached, Modified
            Conv2DModels: Cached, Cached
            Conv2DHintClashes: Cached
            Conv2DFiles: Cached, Cached
            ConvTranspose2DResults: Cached
            ConvTranspose2DDiagnostics: Cached
            ConvTranspose2DModels: Cached
            ConvTranspose2DHintClashes: Cached
            ConvTranspose2DFiles: Cached
            """);
        Assert.Contains(first.Diagnostics, d => d.Id == "CONV007" && d.GetMessage().Contains("0", StringComparison.Ordinal));
        Assert.Contains(second.Diagnostics, d => d.Id == "CONV007" && d.GetMessage().Contains("-3", StringComparison.Ordinal));
    }

    [Fact]
    public void Scenario_ALayerWhoseFileNameClashes_RenamesBothFiles()
    {
        // "Incremental.CONV" and "Incremental.Conv" differ only in case: both files get a hash suffix.
        var compilation = Project();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Incremental; [ConvGen.Conv2D(1, 5, 5, 1, 3, 3)] public static partial class CONV;",
            GeneratorDriverHelper.ParseOptions, "/test/Clash.cs"));
        var second = RunTwice(compilation, edited, out var first);
        AssertSteps(second, """
            Layers: Cached, Cached, Cached, Cached, New
            Conv2DResults: Cached, Cached, Cached, New
            Conv2DDiagnostics: Cached, Cached, Cached, New
            Conv2DModels: Cached, Cached, New
            Conv2DHintClashes: Modified
            Conv2DFiles: Modified, Modified, New
            ConvTranspose2DResults: Cached
            ConvTranspose2DDiagnostics: Cached
            ConvTranspose2DModels: Cached
            ConvTranspose2DHintClashes: Cached
            ConvTranspose2DFiles: Cached
            """);
        Assert.Contains(first.GeneratedSources, s => s.HintName == "Incremental.Conv.Conv2D.g.cs");
        Assert.Contains(first.GeneratedSources, s => s.HintName == "Incremental.Wide.Conv2D.g.cs");
        Assert.Contains(second.GeneratedSources, s => s.HintName == "Incremental.Wide.Conv2D.g.cs");
        Assert.DoesNotContain(second.GeneratedSources, s => s.HintName == "Incremental.Conv.Conv2D.g.cs");
        Assert.Equal(2, second.GeneratedSources.Count(s => System.Text.RegularExpressions.Regex.IsMatch(
            s.HintName, @"^Incremental\.(Conv|CONV)\.[0-9a-f]{8}\.Conv2D\.g\.cs$")));
    }

    private static string LayerSource(GeneratorRunResult run, string type) =>
        run.GeneratedSources.Single(s => s.HintName == $"Incremental.{type}.Conv2D.g.cs").SourceText.ToString();

    /// <summary>No source output re-ran: nothing was emitted or reported again.</summary>
    private static void AssertEveryOutputStepCached(GeneratorRunResult run)
    {
        foreach (var (name, steps) in run.TrackedOutputSteps)
            foreach (var step in steps)
                foreach (var (_, reason) in step.Outputs)
                    Assert.True(reason == IncrementalStepRunReason.Cached, $"Output step {name}: {reason}");
    }
}
