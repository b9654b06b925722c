using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace ConvGen.Tests.Infrastructure;

/// <summary>
/// A small stand-in for Microsoft.CodeAnalysis.Testing's code fix verifier: an <see cref="AdhocWorkspace"/> project with
/// the test sources (same paths, parse and compilation options and references as <see cref="GeneratorDriverHelper"/>),
/// the generator's diagnostics handed to the provider as the IDE hands them (with a location in the document),
/// the chosen action's <see cref="ApplyChangesOperation"/> applied, and the fixed sources checked: exact text,
/// then no generator error and no compiler error.
/// </summary>
internal static class CodeFixHarness
{
    /// <summary>A workspace solution with one project holding <paramref name="sources"/> at <see cref="GeneratorDriverHelper.PathOf"/>.</summary>
    public static Solution CreateSolution(params string[] sources)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId, VersionStamp.Default, "ConvGenTestAssembly", "ConvGenTestAssembly", LanguageNames.CSharp,
            compilationOptions: GeneratorDriverHelper.CompilationOptions(NullableContextOptions.Enable),
            parseOptions: GeneratorDriverHelper.ParseOptions,
            metadataReferences: GeneratorDriverHelper.References,
            analyzerReferences: new[] { GeneratorReference.Instance }));
        for (var i = 0; i < sources.Length; i++)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Source{i}.cs",
                SourceText.From(sources[i], System.Text.Encoding.UTF8), filePath: GeneratorDriverHelper.PathOf(i));
        }

        return solution;
    }

    /// <summary>The test documents in source order.</summary>
    public static Document[] Documents(Solution solution) =>
        solution.Projects.Single().Documents.OrderBy(d => d.FilePath, StringComparer.Ordinal).ToArray();

    /// <summary>Runs the generator over the solution's sources, as every other test does (same paths and options).</summary>
    public static async Task<GeneratorOutput> RunGeneratorAsync(Solution solution)
    {
        var texts = new List<string>();
        foreach (var document in Documents(solution))
            texts.Add((await document.GetTextAsync().ConfigureAwait(false)).ToString());
        return GeneratorDriverHelper.Run(texts.ToArray());
    }

    /// <summary>
    /// The generator's diagnostics, each re-created with a location in its document's tree, as the IDE does before it
    /// asks a code fix provider (the generator reports file path and span only).
    /// </summary>
    public static async Task<ImmutableArray<(Document Document, Diagnostic Diagnostic)>> DiagnosticsAsync(Solution solution)
    {
        var output = await RunGeneratorAsync(solution).ConfigureAwait(false);
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        var result = ImmutableArray.CreateBuilder<(Document, Diagnostic)>();
        foreach (var d in output.GeneratorDiagnostics.OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
                     .ThenBy(d => d.Location.SourceSpan.Start))
        {
            var document = Documents(solution).SingleOrDefault(doc => doc.FilePath == d.Location.GetLineSpan().Path);
            if (document is null) continue;
            var tree = await document.GetSyntaxTreeAsync().ConfigureAwait(false);
            var located = Diagnostic.Create(d.Id, d.Descriptor.Category, d.GetMessage(), d.Severity, d.DefaultSeverity,
                d.Descriptor.IsEnabledByDefault, d.WarningLevel, d.Descriptor.Title, d.Descriptor.Description,
                d.Descriptor.HelpLinkUri, Location.Create(tree!, d.Location.SourceSpan), customTags: d.Descriptor.CustomTags);
            result.Add((document, located));
        }

        return result.ToImmutable();
    }

    /// <summary>The actions <paramref name="provider"/> registers for one diagnostic, in registration order.</summary>
    public static async Task<IReadOnlyList<CodeAction>> ActionsAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions;
    }

    /// <summary>The solution after <paramref name="action"/>: its one <see cref="ApplyChangesOperation"/>.</summary>
    public static async Task<Solution> ApplyAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
        return Assert.IsType<ApplyChangesOperation>(Assert.Single(operations)).ChangedSolution;
    }

    /// <summary>
    /// Fixes the <paramref name="diagnosticIndex"/>-th diagnostic of <paramref name="provider"/>'s ids (in file and position
    /// order) with the action titled <paramref name="apply"/>, after checking the offered titles; then checks the fixed sources.
    /// </summary>
    public static async Task VerifyAsync(CodeFixProvider provider, string[] sources, string[] expected,
        string[] titles, string apply, int diagnosticIndex = 0, string[]? remaining = null)
    {
        var solution = CreateSolution(sources);
        var fixable = (await DiagnosticsAsync(solution).ConfigureAwait(false))
            .Where(d => provider.FixableDiagnosticIds.Contains(d.Diagnostic.Id)).ToArray();
        Assert.True(fixable.Length > diagnosticIndex, $"Expected a fixable diagnostic #{diagnosticIndex}, got {fixable.Length}");
        var (document, diagnostic) = fixable[diagnosticIndex];

        var actions = await ActionsAsync(provider, document, diagnostic).ConfigureAwait(false);
        Assert.Equal(titles, actions.Select(a => a.Title).ToArray());
        Assert.Equal(actions.Count, actions.Select(a => a.EquivalenceKey).Distinct().Count());
        var fixedSolution = await ApplyAsync(actions.Single(a => a.Title == apply)).ConfigureAwait(false);
        await AssertFixedAsync(fixedSolution, expected, remaining).ConfigureAwait(false);
    }

    /// <summary>As <see cref="VerifyAsync(CodeFixProvider, string[], string[], string[], string, int, string[])"/> with one source.</summary>
    public static Task VerifyAsync(CodeFixProvider provider, string source, string expected, string[] titles, string apply,
        int diagnosticIndex = 0, string[]? remaining = null) =>
        VerifyAsync(provider, new[] { source }, new[] { expected }, titles, apply, diagnosticIndex, remaining);

    /// <summary>
    /// Fix-all over <paramref name="scope"/> (the document of the first fixable diagnostic for
    /// <see cref="FixAllScope.Document"/>) with the equivalence key of <paramref name="apply"/>, as offered for the first
    /// fixable diagnostic; then checks the fixed sources.
    /// </summary>
    public static async Task VerifyFixAllAsync(CodeFixProvider provider, string[] sources, string[] expected, string apply,
        FixAllScope scope)
    {
        var solution = CreateSolution(sources);
        var all = (await DiagnosticsAsync(solution).ConfigureAwait(false))
            .Where(d => provider.FixableDiagnosticIds.Contains(d.Diagnostic.Id)).ToArray();
        Assert.NotEmpty(all);
        var (document, diagnostic) = all[0];
        var action = (await ActionsAsync(provider, document, diagnostic).ConfigureAwait(false)).Single(a => a.Title == apply);

        var fixAll = provider.GetFixAllProvider();
        Assert.NotNull(fixAll);
        Assert.Contains(scope, fixAll!.GetSupportedFixAllScopes());
        var context = new FixAllContext(document, provider, scope, action.EquivalenceKey,
            provider.FixableDiagnosticIds, new Provider(all), CancellationToken.None);
        var fixAllAction = await fixAll.GetFixAsync(context).ConfigureAwait(false);
        Assert.NotNull(fixAllAction);
        var fixedSolution = await ApplyAsync(fixAllAction!).ConfigureAwait(false);
        await AssertFixedAsync(fixedSolution, expected).ConfigureAwait(false);
    }

    /// <summary>
    /// Exact texts; then the generator reports no error and the compilation with its output has none (or, where one fix
    /// cannot settle everything, exactly the <paramref name="remaining"/> error ids).
    /// </summary>
    public static async Task AssertFixedAsync(Solution solution, string[] expected, string[]? remaining = null)
    {
        var documents = Documents(solution);
        Assert.Equal(expected.Length, documents.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var actual = (await documents[i].GetTextAsync().ConfigureAwait(false)).ToString();
            Assert.True(expected[i] == actual,
                $"Source{i}.cs after the fix:\n" + Snapshot.UnifiedDiff(expected[i], actual, "expected", "actual"));
        }

        var output = await RunGeneratorAsync(solution).ConfigureAwait(false);
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        var errors = output.GeneratorDiagnostics.Concat(output.OutputDiagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Select(e => e.Id).SequenceEqual(remaining ?? Array.Empty<string>()),
            "Errors after the fix:\n" + GeneratorDriverHelper.Format(errors));
    }

    /// <summary>
    /// The generator in the workspace project, as in the IDE: the project's compilation (what a code fix sees) holds the
    /// generated attributes, so attribute arguments bind.
    /// </summary>
    private sealed class GeneratorReference : AnalyzerReference
    {
        public static readonly GeneratorReference Instance = new();

        private readonly ImmutableArray<ISourceGenerator> _generators = ImmutableArray.Create(new ConvGenerator().AsSourceGenerator());

        public override string? FullPath => null;

        public override string Display => nameof(ConvGenerator);

        public override object Id => this;

        public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzers(string language) => ImmutableArray<DiagnosticAnalyzer>.Empty;

        public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzersForAllLanguages() => ImmutableArray<DiagnosticAnalyzer>.Empty;

        public override ImmutableArray<ISourceGenerator> GetGenerators(string language) =>
            language == LanguageNames.CSharp ? _generators : ImmutableArray<ISourceGenerator>.Empty;

        public override ImmutableArray<ISourceGenerator> GetGeneratorsForAllLanguages() => _generators;
    }

    /// <summary>The generator's diagnostics as fix-all asks for them.</summary>
    private sealed class Provider(IReadOnlyList<(Document Document, Diagnostic Diagnostic)> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Document.Id == document.Id).Select(d => d.Diagnostic));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Document.Project.Id == project.Id).Select(d => d.Diagnostic));
    }
}
