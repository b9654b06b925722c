using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Text;
using ConvGen.Emitting;
using ConvGen.Model;
using ConvGen.Onnx;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace ConvGen.Tests.Onnx;

/// <summary>
/// [OnnxModel]'s code on the ONNX project's conformance data (Debian's libonnx-testdata, data/node and
/// data/pytorch-converted, as committed in Fixtures/OnnxReader/onnx-testdata.zip): every data set whose model ConvGen
/// imports, lowered, emitted, compiled into one assembly and run, its outputs held to SPEC's bound
/// (1e-4·(1 + max |expected| of the sample)). The cases are made into what an exporter writes: graph inputs after the
/// first become initializers holding the data set's values (weights given as inputs), and the first input's leading
/// axis becomes the symbolic batch (so a [3, 4, 5] input is three samples of [4, 5], which only works where the graph
/// keeps samples apart: else the import refuses it, and the case counts as unsupported).
/// </summary>
public sealed class OnnxConformanceTests(ITestOutputHelper log)
{
    private sealed record Case(string Name, OnnxNetwork Network, float[] Input, float[] Expected, int[] ExpectedShape);

    [Fact]
    public void Every_imported_conformance_case_matches_its_expected_output()
    {
        var cases = new List<Case>();
        var unsupported = new Dictionary<string, int>();
        foreach (var (name, files) in OnnxTestData.DataSets.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var reason = Prepare(name, files, out var c);
            if (c is not null) cases.Add(c);
            else unsupported[reason] = unsupported.GetValueOrDefault(reason) + 1;
        }

        var (assembly, context) = Compile(cases);
        var failures = new List<string>();
        try
        {
            var harness = assembly.GetType("Conformance.Harness")!;
            for (var i = 0; i < cases.Count; i++)
            {
                var c = cases[i];
                var y = new float[c.Expected.Length];
                try
                {
                    harness.GetMethod("Run" + i)!.Invoke(null, new object[] { c.Input, y });
                }
                catch (System.Reflection.TargetInvocationException e)
                {
                    failures.Add($"{c.Name}: {e.InnerException!.GetType().Name}: {e.InnerException.Message}");
                    continue;
                }

                // The parallel overload (ranges of samples on two threads) gives the same bits.
                var parallel = new float[c.Expected.Length];
                harness.GetMethod("Parallel" + i)!.Invoke(null, new object[] { c.Input, parallel });
                if (!y.AsSpan().SequenceEqual(parallel)) failures.Add($"{c.Name}: the parallel overload differs from Forward");

                var samples = c.ExpectedShape.Length == 0 ? 1 : c.ExpectedShape[0];
                var per = c.Expected.Length / Math.Max(1, samples);
                for (var s = 0; s < samples && per > 0; s++)
                {
                    var scale = 1 + Enumerable.Range(s * per, per).Max(k => Math.Abs((double)c.Expected[k]));
                    var bad = Enumerable.Range(s * per, per).FirstOrDefault(k => !(Math.Abs(y[k] - c.Expected[k]) <= 1e-4 * scale) && !(float.IsNaN(y[k]) && float.IsNaN(c.Expected[k])) && y[k] != c.Expected[k], -1);
                    if (bad >= 0)
                    {
                        failures.Add($"{c.Name}: element {bad} is {y[bad]:R}, expected {c.Expected[bad]:R}");
                        break;
                    }
                }
            }
        }
        finally
        {
            context.Unload();
        }

        var total = OnnxTestData.DataSets.Count;
        log.WriteLine($"{cases.Count - failures.Count} passed of {cases.Count} imported, of {total} conformance data sets");
        foreach (var (reason, count) in unsupported.OrderByDescending(u => u.Value).ThenBy(u => u.Key, StringComparer.Ordinal))
            log.WriteLine($"  not imported ({count}): {reason}");
        foreach (var c in cases) log.WriteLine($"  imported: {c.Name}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} imported cases differ:\n" + string.Join("\n", failures));
        Assert.True(cases.Count >= 60, $"only {cases.Count} cases imported");
    }

    /// <summary>The case as an exporter would write it, lowered; null (and why) where ConvGen does not import it.</summary>
    private static string Prepare(string name, Dictionary<string, byte[]> files, out Case? result)
    {
        result = null;
        OnnxGraph graph;
        try
        {
            graph = OnnxReader.Read(OnnxTestData.Models[name]);
        }
        catch (OnnxFormatException e)
        {
            return "unreadable: " + e.Message;
        }

        var weights = graph.Initializers.Select(t => t.Name).ToHashSet();
        var free = graph.Inputs.Where(i => !weights.Contains(i.Name)).ToArray();
        OnnxTensor[] given, expected;
        try
        {
            given = files.Where(f => f.Key.StartsWith("input_", StringComparison.Ordinal)).OrderBy(f => Index(f.Key)).Select(f => OnnxReader.ReadTensor(f.Value)).ToArray();
            expected = files.Where(f => f.Key.StartsWith("output_", StringComparison.Ordinal)).OrderBy(f => Index(f.Key)).Select(f => OnnxReader.ReadTensor(f.Value)).ToArray();
        }
        catch (OnnxFormatException)
        {
            return "data that is not a tensor (sequences, optionals)";
        }

        if (free.Length == 0 || given.Length != free.Length || expected.Length != 1) return "not one input and one output";
        if (given.Concat(expected).Any(t => t.DataType != OnnxDataType.Float)) return "not float32";
        if (free[0].Shape is not { Count: >= 2 } shape) return "input of rank < 2";
        var extra = free.Skip(1).Select((v, k) => given[k + 1] with { Name = v.Name });
        var input = free[0] with { Shape = new EquatableArray<OnnxDim>(shape.Select((d, k) => k == 0 ? new OnnxDim(0, "N") : d).ToArray()) };
        graph = graph with
        {
            Initializers = new EquatableArray<OnnxTensor>(graph.Initializers.Concat(extra).ToArray()),
            Inputs = new EquatableArray<OnnxValueInfo>(graph.Inputs.Select(i => i.Name == input.Name ? input : i).ToArray()),
        };
        var (network, problems) = OnnxLowering.Lower(graph, name);
        if (network is null)
        {
            var p = problems[0];
            return p.OpType.Length > 0 ? $"{p.OpType}: {Generalize(p.Reason)}" : Generalize(p.Reason);
        }

        result = new Case(name, network, given[0].Floats.ToArray(), expected[0].Floats.ToArray(), expected[0].Dims.Select(d => (int)d).ToArray());
        return "";
    }

    /// <summary>A reason with its names and numbers blanked, so equal reasons count together.</summary>
    private static string Generalize(string reason) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(reason, "'[^']*'", "'…'"), @"\[[^\]]*\]|\d+", "#");

    private static int Index(string file) => int.Parse(file[(file.IndexOf('_') + 1)..file.IndexOf('.')], System.Globalization.CultureInfo.InvariantCulture);

    private static (System.Reflection.Assembly, AssemblyLoadContext) Compile(List<Case> cases)
    {
        var sources = new List<string>
        {
            "namespace Microsoft.CodeAnalysis { internal sealed class EmbeddedAttribute : global::System.Attribute { } }",
            GuardSource.Text.Replace("\"VERSION\"", "\"test\"", StringComparison.Ordinal),
            ParallelSource.Text.Replace("\"VERSION\"", "\"test\"", StringComparison.Ordinal),
            ScratchSource.Text.Replace("\"VERSION\"", "\"test\"", StringComparison.Ordinal),
        };
        var harness = new StringBuilder("namespace Conformance { public static class Harness {\n");
        for (var i = 0; i < cases.Count; i++)
        {
            var target = new TypeTarget("Conformance", EquatableArray<string>.Empty, "static partial class", "M" + i, "Conformance.M" + i, EquatableArray<string>.Empty);
            sources.Add(NetworkEmitter.Emit(new NetworkModel(target, cases[i].Network)));
            harness.Append($"public static void Run{i}(float[] x, float[] y) => M{i}.Forward(x, y);\n");
            harness.Append($"public static void Parallel{i}(float[] x, float[] y) => M{i}.Forward(x, y, 2);\n");
        }

        sources.Add(harness.Append("} }").ToString());
        var compilation = CSharpCompilation.Create("Conformance",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, GeneratorDriverHelper.ParseOptions)),
            GeneratorDriverHelper.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        stream.Position = 0;
        var context = new AssemblyLoadContext("ConvGen.OnnxConformance", isCollectible: true);
        return (context.LoadFromStream(stream), context);
    }
}
