using System.Collections.Immutable;
using ConvGen.Diagnostics;
using ConvGen.Emitting;
using ConvGen.Model;
using ConvGen.Parsing;
using ConvGen.Pipeline;
using Microsoft.CodeAnalysis;

namespace ConvGen;

/// <summary>
/// The pipeline only. Per file (read again only when the file changed): its declarations by name, its aliases and
/// its attributed types → the types that may carry a ConvGen attribute, each keyed by the declarations its binding
/// can see → bound (declared symbol, attributes, transform) only when the type's file or its key changed → one
/// equatable <see cref="LayerResult"/> per attribute (values, no symbols or syntax) → a diagnostics output and a
/// source output per kind (file names chosen once per kind). A keystroke in a body, a comment or a declaration that
/// no layer can see binds nothing again.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ConvGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        context.RegisterPostInitializationOutput(static ctx =>
        {
            ctx.AddEmbeddedAttributeDefinition();
            foreach (var kind in LayerKindInfo.All)
                ctx.AddSource($"ConvGen.{kind.ClassName}.g.cs", AttributeSource.Attribute(kind));
            ctx.AddSource(AttributeSource.EnumsHint, AttributeSource.Enums);
            ctx.AddSource(GuardSource.Hint, GuardSource.Text.Replace("\"VERSION\"", "\"" + LayerEmitter.Version + "\""));
        });

        // One entry per file, equal while the file's tree is the same object: read again only when it changed. (No
        // syntax provider: it would walk every node of each changed file before anything else runs.)
        var files = context.CompilationProvider
            .SelectMany(static (compilation, _) => SourceFile.All(compilation))
            .Select(static (file, ct) => FileDeclarations.Read(file, ct))
            .WithTrackingName(TrackingNames.SourceFiles);

        // Every file's declarations by name: merged again only when some file's declarations changed.
        var declarations = files
            .Select(static (file, _) => file.Index)
            .Collect()
            .Select(static (all, _) => DeclarationIndex.Merge(all));

        var attributeNames = files
            .SelectMany(static (file, _) => file.Aliases)
            .Collect()
            .Select(static (aliases, _) => AttributeNames.Candidates(aliases));

        // Equal while no declaration, alias, reference or option changed.
        var index = declarations
            .Combine(attributeNames)
            .Combine(context.CompilationProvider)
            .Select(static (pair, _) => new SemanticIndex(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.Index);

        var candidates = files
            .Combine(attributeNames)
            .SelectMany(static (pair, _) =>
            {
                var (file, names) = pair;
                var found = ImmutableArray.CreateBuilder<Candidate>();
                foreach (var type in file.Types)
                    if (AttributeNames.AnyMatches(type.AttributeNames, names))
                        found.Add(new Candidate(type, file.File.Compilation));
                return found.ToImmutable();
            })
            .WithTrackingName(TrackingNames.Candidates);

        // A type's key covers the declarations its binding can see: equal, and the type's file unchanged, its
        // result is reused.
        var keyed = candidates
            .Combine(index)
            .Select(static (pair, _) => new KeyedCandidate(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Keys);

        var layers = keyed
            .Select(static (candidate, ct) => LayerBinder.Bind(candidate, ct))
            .WithTrackingName(TrackingNames.Layers);

        foreach (var kind in LayerKindInfo.All)
            Register(context, layers, kind.Kind);
    }

    private static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<LayerResults> layers, LayerKind kind)
    {
        var results = layers
            .SelectMany((r, _) => r.Of(kind) is { } result ? ImmutableArray.Create(result) : ImmutableArray<LayerResult>.Empty)
            .WithTrackingName(TrackingNames.Of(kind, TrackingNames.Results));

        var diagnostics = results
            .Select(static (r, _) => r.Diagnostics)
            .WithTrackingName(TrackingNames.Of(kind, TrackingNames.Diagnostics));
        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (var d in list) spc.ReportDiagnostic(d.ToDiagnostic());
        });

        var models = results
            .Where(static r => r.Model is not null)
            .Select(static (r, _) => r.Model!)
            .WithTrackingName(TrackingNames.Of(kind, TrackingNames.Models));

        // File names must differ case-insensitively: found once over all layers of this kind.
        var clashing = models
            .Collect()
            .Select(static (names, _) => HintNames.Clashing(names))
            .WithTrackingName(TrackingNames.Of(kind, TrackingNames.HintClashes));

        var files = models.Combine(clashing).WithTrackingName(TrackingNames.Of(kind, TrackingNames.Files));
        context.RegisterSourceOutput(files, static (spc, pair) =>
            spc.AddSource(HintNames.Of(pair.Left, pair.Right), LayerEmitter.Emit(pair.Left)));
    }
}
