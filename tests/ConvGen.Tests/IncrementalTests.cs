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
        }

        return secondRun;
    }

    /// <summary>Every output of every tracked step (but <paramref name="except"/>) is Cached or Unchanged.</summary>
    private static void AssertCachedOrUnchanged(GeneratorRunResult run, bool includeSourceOutputs, params string[] except)
    {
        foreach (var name in TrackingNames.All.Except(except))
        {
            if (!run.TrackedSteps.TryGetValue(name, out var steps)) continue;
            foreach (var step in steps)
                foreach (var (value, reason) in step.Outputs)
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"Step {name} re-ran with reason {reason} for {value}");
        }

        if (!includeSourceOutputs) return;
        foreach (var (name, steps) in run.TrackedOutputSteps)
            foreach (var step in steps)
                foreach (var (_, reason) in step.Outputs)
                    Assert.True(reason == IncrementalStepRunReason.Cached, $"Output step {name}: {reason}");
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult run, string step) =>
        run.TrackedSteps.TryGetValue(step, out var steps)
            ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason)
            : Enumerable.Empty<IncrementalStepRunReason>();

    /// <summary>Walks the object graph (fields, recursively, each object once) and fails on a banned type,
    /// whether held as a value or merely declared as a field's type.</summary>
    private static void AssertHoldsNoRoslynObjects(object? root, string path)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(root, path, 0);

        void Walk(object? value, string at, int depth)
        {
            if (value is null) return;
            var type = value.GetType();
            foreach (var banned in Banned)
                Assert.False(banned.IsInstanceOfType(value), $"{at} holds a {type.FullName} (a {banned.Name})");
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
                    foreach (var banned in Banned)
                        Assert.False(banned.IsAssignableFrom(field.FieldType), $"{at}.{field.Name} is declared as {field.FieldType.Name}");
                    if (field.FieldType.IsPointer || field.FieldType.IsByRefLike) continue;
                    Walk(field.GetValue(value), $"{at}.{field.Name}", depth + 1);
                }
            }
        }
    }

    private static Compilation ReplaceFirst(Compilation compilation, string newText)
    {
        var old = compilation.SyntaxTrees.First();
        return compilation.ReplaceSyntaxTree(old,
            CSharpSyntaxTree.ParseText(newText, GeneratorDriverHelper.ParseOptions, old.FilePath, System.Text.Encoding.UTF8));
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
        var compilation = GeneratorDriverHelper.CreateCompilation(Layers, ErrorLayer);
        RunTwice(compilation, compilation.Clone(), out var first);
        Assert.All(TrackingNames.All, name => Assert.True(first.TrackedSteps.ContainsKey(name), $"step {name} did not run"));
        Assert.Equal(TrackingNames.All.Length, TrackingNames.All.Distinct().Count());
    }

    [Fact]
    public void UnchangedCompilation_IsCachedThroughout()
    {
        var compilation = GeneratorDriverHelper.CreateCompilation(Layers, WarningLayer, ErrorLayer);
        var second = RunTwice(compilation, compilation.Clone(), out _);
        AssertCachedOrUnchanged(second, includeSourceOutputs: true);
    }

    [Fact]
    public void UnrelatedEdit_IsCachedThroughout()
    {
        var compilation = GeneratorDriverHelper.CreateCompilation(Layers, WarningLayer, ErrorLayer);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Elsewhere; public sealed class Unrelated { public int Value => 42; }",
            GeneratorDriverHelper.ParseOptions, "/test/Unrelated.cs"));
        var second = RunTwice(compilation, edited, out _);
        AssertCachedOrUnchanged(second, includeSourceOutputs: true);
    }

    [Fact]
    public void CommentEditInTheAnnotatedFile_LeavesEveryStepUnchanged()
    {
        var compilation = GeneratorDriverHelper.CreateCompilation(Layers);
        var edited = ReplaceFirst(compilation, "// A comment that moves every declaration down a line.\n" +
            Layers.Replace("public static partial class Up;", "public static partial class Up; // upsampling", StringComparison.Ordinal));
        var second = RunTwice(compilation, edited, out _);
        AssertCachedOrUnchanged(second, includeSourceOutputs: true);
    }

    [Fact]
    public void ShapeChange_RegeneratesThatLayerOnly()
    {
        var compilation = GeneratorDriverHelper.CreateCompilation(Layers);
        var edited = ReplaceFirst(compilation, Layers.Replace("[Conv2D(1, 4, 4, 2,", "[Conv2D(2, 4, 4, 2,", StringComparison.Ordinal));
        var second = RunTwice(compilation, edited, out _);
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Conv2DModels));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Conv2DResults));
        // The transposed layer in the same file is re-parsed but equal, so its model is not regenerated.
        AssertCachedOrUnchanged(second, includeSourceOutputs: false,
            TrackingNames.Conv2DResults, TrackingNames.Conv2DModels);
    }

    [Fact]
    public void WarningMovedDownALine_UpdatesTheDiagnosticsButNotTheModel()
    {
        var compilation = GeneratorDriverHelper.CreateCompilation(WarningLayer);
        var edited = ReplaceFirst(compilation, WarningLayer.Replace("[Conv2D(", "\n[Conv2D(", StringComparison.Ordinal));
        var second = RunTwice(compilation, edited, out var first);
        Assert.Contains(first.Diagnostics, d => d.Id == "CONV100");
        Assert.Contains(second.Diagnostics, d => d.Id == "CONV100" && d.Location.GetLineSpan().StartLinePosition.Line == 5);
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Conv2DDiagnostics));
        Assert.NotEmpty(Reasons(second, TrackingNames.Conv2DModels));
        AssertCachedOrUnchanged(second, includeSourceOutputs: false,
            TrackingNames.Conv2DResults, TrackingNames.Conv2DDiagnostics);
        // The layer's source is not emitted again: the source output fed by the models step is cached.
        var sourceOutputs = second.TrackedOutputSteps.Values.SelectMany(s => s)
            .Where(step => step.Inputs.Any(i => i.Source.Name == TrackingNames.Conv2DModels))
            .ToArray();
        Assert.NotEmpty(sourceOutputs);
        Assert.All(sourceOutputs.SelectMany(step => step.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void ErrorMovedDownALine_UpdatesTheDiagnosticsOnly()
    {
        var compilation = GeneratorDriverHelper.CreateCompilation(Layers, ErrorLayer);
        var old = compilation.SyntaxTrees.ElementAt(1);
        var edited = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(
            ErrorLayer.Replace("[Conv2D(", "\n\n[Conv2D(", StringComparison.Ordinal), GeneratorDriverHelper.ParseOptions, old.FilePath));
        var second = RunTwice(compilation, edited, out _);
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Conv2DDiagnostics));
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Conv2DModels));
        Assert.DoesNotContain(IncrementalStepRunReason.New, Reasons(second, TrackingNames.Conv2DModels));
        Assert.Contains(second.Diagnostics, d => d.Id == "CONV007" && d.Location.GetLineSpan().StartLinePosition.Line == 6);
    }
}
