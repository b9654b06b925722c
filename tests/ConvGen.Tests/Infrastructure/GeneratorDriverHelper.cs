using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using ConvGen.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ConvGen.Tests.Infrastructure;

/// <summary>What one run of <see cref="ConvGenerator"/> produced.</summary>
/// <param name="Sources">Every generated source, hint name (with its <c>.g.cs</c>) → text, in ordinal hint order.</param>
/// <param name="GeneratorDiagnostics">What the generator reported (and what the driver reported about it: CS8784/CS8785).</param>
/// <param name="OutputDiagnostics">The diagnostics of the output compilation (user sources plus generated sources).</param>
/// <param name="OutputCompilation">The compilation with the generated sources added.</param>
/// <param name="RunResult">The driver's raw result, for tracked steps and exceptions.</param>
internal sealed record GeneratorOutput(
    ImmutableSortedDictionary<string, string> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> OutputDiagnostics,
    Compilation OutputCompilation,
    GeneratorDriverRunResult RunResult)
{
    /// <summary>The sources of annotated types (everything but the post-initialization output).</summary>
    public ImmutableSortedDictionary<string, string> LayerSources =>
        Sources.Where(s => !GeneratorDriverHelper.PostInitializationHints.Contains(s.Key))
            .ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>The one layer file of a single-layer run.</summary>
    public KeyValuePair<string, string> SingleLayer
    {
        get
        {
            var layers = LayerSources;
            Assert.True(layers.Count == 1,
                $"Expected exactly one layer source, got {layers.Count}: {string.Join(", ", layers.Keys)}\n" + GeneratorDriverHelper.Format(GeneratorDiagnostics));
            return layers.First();
        }
    }
}

/// <summary>Compiles test sources against the net8.0 reference assemblies and runs <see cref="ConvGenerator"/> over them.</summary>
internal static class GeneratorDriverHelper
{
    /// <summary>What every compilation gets: the consumers the spec promises to support (C# 12, net8.0).</summary>
    public static readonly CSharpParseOptions ParseOptions =
        new CSharpParseOptions(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    /// <summary>The hint names of the post-initialization output (attributes, enums, guard, [Embedded]).</summary>
    public static readonly ImmutableHashSet<string> PostInitializationHints = ImmutableHashSet.Create(StringComparer.Ordinal,
        "ConvGen.Conv2DAttribute.g.cs",
        "ConvGen.ConvTranspose2DAttribute.g.cs",
        "ConvGen.Conv1DAttribute.g.cs",
        "ConvGen.ConvTranspose1DAttribute.g.cs",
        "ConvGen.Conv3DAttribute.g.cs",
        "ConvGen.ConvTranspose3DAttribute.g.cs",
        "ConvGen.LinearAttribute.g.cs",
        "ConvGen.MaxPool1DAttribute.g.cs",
        "ConvGen.MaxPool2DAttribute.g.cs",
        "ConvGen.MaxPool3DAttribute.g.cs",
        "ConvGen.AvgPool1DAttribute.g.cs",
        "ConvGen.AvgPool2DAttribute.g.cs",
        "ConvGen.AvgPool3DAttribute.g.cs",
        "ConvGen.OnnxModelAttribute.g.cs",
        "ConvGen.Enums.g.cs",
        "ConvGen.ConvGenGuard.g.cs",
        "ConvGen.ConvGenParallel.g.cs",
        "ConvGen.ConvGenScratch.g.cs",
        "Microsoft.CodeAnalysis.EmbeddedAttribute.cs");

    public static readonly ImmutableArray<MetadataReference> References =
        Basic.Reference.Assemblies.Net80.References.All.Cast<MetadataReference>().ToImmutableArray();

    /// <summary>The path of the i-th test source; diagnostics locations carry it.</summary>
    public static string PathOf(int index) => $"/test/Source{index}.cs";

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation(NullableContextOptions.Enable, sources);

    public static CSharpCompilation CreateCompilation(NullableContextOptions nullable, params string[] sources) =>
        CSharpCompilation.Create(
            "ConvGenTestAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, PathOf(i), Encoding.UTF8)),
            References,
            CompilationOptions(nullable));

    public static CSharpCompilationOptions CompilationOptions(NullableContextOptions nullable) =>
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: nullable,
            warningLevel: 9999,
            deterministic: true,
            allowUnsafe: false);

    /// <summary>A driver that records its incremental steps (for the incrementality tests), or not, as the IDE and
    /// the build run it.</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = true, Discovery discovery = Discovery.Indexed) =>
        CSharpGeneratorDriver.Create(
            new[] { new ConvGenerator(discovery).AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorOutput Run(params string[] sources) => Run(CreateCompilation(sources));

    /// <summary>A run from scratch, held against the oracle (<see cref="AssertSameAsOracle"/>).</summary>
    public static GeneratorOutput Run(Compilation compilation)
    {
        var output = Run(CreateDriver(), compilation, out _);
        AssertSameAsOracle(output, compilation);
        return output;
    }

    /// <summary>
    /// The same compilation through the plain discovery (<c>ForAttributeWithMetadataName</c>, <see cref="Discovery.AttributeName"/>)
    /// must give exactly the same files, text and diagnostics (each as often, at the same place) as ConvGen's own index.
    /// </summary>
    public static void AssertSameAsOracle(GeneratorOutput output, Compilation compilation)
    {
        var oracle = Run(CreateDriver(trackSteps: false, Discovery.AttributeName), compilation, out _);
        Assert.Equal(oracle.Sources.Keys, output.Sources.Keys);
        foreach (var (hint, text) in oracle.Sources)
            Assert.True(text == output.Sources[hint], $"{hint}: the indexed discovery's text differs from ForAttributeWithMetadataName's");
        static string Key(Diagnostic d) => $"{d.Location.GetLineSpan()} {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        Assert.Equal(oracle.GeneratorDiagnostics.Select(Key).OrderBy(k => k, StringComparer.Ordinal),
            output.GeneratorDiagnostics.Select(Key).OrderBy(k => k, StringComparer.Ordinal));
    }

    /// <summary>Runs <paramref name="driver"/> (which keeps its incremental state) over <paramref name="compilation"/>.</summary>
    public static GeneratorOutput Run(GeneratorDriver driver, Compilation compilation, out GeneratorDriver updated)
    {
        updated = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var run = updated.GetRunResult();
        var result = Assert.Single(run.Results);
        var sources = result.GeneratedSources.ToImmutableSortedDictionary(
            s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        // Not de-duplicated: a diagnostic reported twice is a finding in itself.
        var generatorDiagnostics = driverDiagnostics;
        return new GeneratorOutput(sources, generatorDiagnostics, output.GetDiagnostics(), output, run);
    }

    /// <summary>
    /// Asserts the generator ran without an exception and the output compiles with no diagnostic at all
    /// (warning level 9999, documentation diagnostics on), both with nullable enabled and disabled.
    /// Hidden diagnostics are ignored, and so is CS1591 (missing XML comment) on the test's own types.
    /// </summary>
    public static void AssertCompilesCleanly(params string[] sources) => AssertCompilesCleanly(false, sources);

    /// <summary>
    /// As <see cref="AssertCompilesCleanly(string[])"/>; warnings in the post-initialization sources (attributes,
    /// enums, guard) count only with <paramref name="includePostInitialization"/>, so that the one test that
    /// covers those files is the one that fails for them (errors there always count).
    /// </summary>
    public static void AssertCompilesCleanly(bool includePostInitialization, params string[] sources)
    {
        foreach (var nullable in new[] { NullableContextOptions.Enable, NullableContextOptions.Disable })
        {
            var output = Run(CreateCompilation(nullable, sources));
            AssertNoGeneratorFailure(output);
            var generatorErrors = output.GeneratorDiagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden).ToArray();
            Assert.True(generatorErrors.Length == 0, $"nullable {nullable}: the generator reported\n{Format(generatorErrors)}");
            var generated = output.OutputCompilation.SyntaxTrees.Skip(sources.Length).ToImmutableHashSet();
            var bad = output.OutputDiagnostics
                .Where(d => d.Severity != DiagnosticSeverity.Hidden)
                .Where(d => !(d.Id == "CS1591" && d.Location.SourceTree is { } t && !generated.Contains(t)))
                .Where(d => includePostInitialization || d.Severity == DiagnosticSeverity.Error ||
                            !PostInitializationHints.Contains(System.IO.Path.GetFileName(d.Location.SourceTree?.FilePath ?? "")))
                .ToArray();
            Assert.True(bad.Length == 0, $"nullable {nullable}: the output compilation has diagnostics:\n{Format(bad)}");
        }
    }

    /// <summary>No crash: no exception, no CS8784/CS8785, no "internal error" CONV021.</summary>
    public static void AssertNoGeneratorFailure(GeneratorOutput output)
    {
        foreach (var r in output.RunResult.Results)
            Assert.True(r.Exception is null, "The generator threw: " + r.Exception);
        var crashes = output.GeneratorDiagnostics
            .Where(d => d.Id is "CS8784" or "CS8785" || d.GetMessage().Contains("internal error", StringComparison.Ordinal))
            .ToArray();
        Assert.True(crashes.Length == 0, "The generator failed:\n" + Format(crashes));
    }

    /// <summary>One line per diagnostic: id, severity, location, the located text and the message.</summary>
    public static string Format(IEnumerable<Diagnostic> diagnostics)
    {
        var sb = new StringBuilder();
        foreach (var d in diagnostics.OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
                     .ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            var span = d.Location.GetLineSpan();
            var where = d.Location == Location.None
                ? "(no location)"
                : $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1},{span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})";
            sb.Append(d.Id).Append(' ').Append(d.Severity).Append(' ').Append(where)
                .Append(": ").Append(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The text a diagnostic points at, looked up in the test sources by path (generator
    /// diagnostics carry a file path and span, not a syntax tree).</summary>
    public static string LocatedText(Diagnostic diagnostic, IReadOnlyList<string> sources)
    {
        var location = diagnostic.Location;
        if (location == Location.None) return "(no location)";
        var path = location.GetLineSpan().Path;
        for (var i = 0; i < sources.Count; i++)
        {
            if (PathOf(i) == path)
            {
                var span = location.SourceSpan;
                return span.End <= sources[i].Length ? sources[i].Substring(span.Start, span.Length) : "(span out of range)";
            }
        }

        return "(unknown file " + path + ")";
    }

    /// <summary>The largest <c>stackalloc float[N]</c> / <c>double[N]</c> in a generated source, in bytes.</summary>
    public static long LargestStackAllocBytes(string source) =>
        System.Text.RegularExpressions.Regex.Matches(source, @"stackalloc (float|double)\[(\d+)\]")
            .Select(m => long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) * (m.Groups[1].Value == "float" ? 4 : 8))
            .DefaultIfEmpty(0)
            .Max();
}
