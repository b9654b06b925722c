using System.Collections.Immutable;
using System.Linq;
using ConvGen.Model;
using ConvGen.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Pipeline;

/// <summary>How the generator finds the annotated types (MSBuild property <c>ConvGenDiscovery</c>).</summary>
internal enum Discovery
{
    /// <summary>ConvGen's own incremental index (<see cref="LayerDiscovery.Indexed"/>): the default.</summary>
    Indexed,

    /// <summary>Roslyn's <c>ForAttributeWithMetadataName</c> (<see cref="LayerDiscovery.ByAttributeName"/>): the tests' oracle.</summary>
    AttributeName,
}

/// <summary>
/// The seam between the pipeline's input and its output: one entry point that yields, for each layer attribute, one
/// <see cref="LayerResult"/> per annotated type (values only). Everything downstream (diagnostics, models, file names,
/// emission) is the same whichever discovery produced them; the tests require both to produce the same output.
/// </summary>
internal static class LayerDiscovery
{
    /// <summary>The MSBuild property <c>ConvGenDiscovery</c>, made visible to the compiler by build/ConvGen.props.</summary>
    public const string MSBuildProperty = "build_property.ConvGenDiscovery";

    public static DiscoveredLayers Discover(IncrementalGeneratorInitializationContext context, Discovery discovery) =>
        discovery == Discovery.AttributeName ? ByAttributeName(context) : Indexed(context);

    /// <summary>
    /// Per file (read again only when the file changed): its declarations by name, its aliases and its attributed types →
    /// the types that may carry a ConvGen attribute, each keyed by the declarations its binding can see → bound (declared
    /// symbol, attributes, transform) only when the type's file or its key changed → one equatable
    /// <see cref="LayerResults"/> per type. A keystroke in a body, a comment or a declaration that no layer can see binds
    /// nothing again (the keystroke table in docs/architecture.md).
    /// </summary>
    public static DiscoveredLayers Indexed(IncrementalGeneratorInitializationContext context)
    {
        // Off where the project hands discovery to ConvGen.AttributeDiscovery.dll (one value, equal while the options are).
        var enabled = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => !options.GlobalOptions.TryGetValue(MSBuildProperty, out var value) ||
                                           !string.Equals(value.Trim(), nameof(Discovery.AttributeName), System.StringComparison.OrdinalIgnoreCase));

        // One entry per file, equal while the file's tree is the same object: read again only when it changed. (No
        // syntax provider: it would walk every node of each changed file before anything else runs.)
        var files = context.CompilationProvider
            .Combine(enabled)
            .SelectMany(static (pair, _) => pair.Right ? SourceFile.All(pair.Left) : ImmutableArray<SourceFile>.Empty)
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

        var onnx = layers
            .Where(static r => r.Onnx is not null)
            .Select(static (r, _) => r.Onnx!);
        return new DiscoveredLayers(kind => layers
            .SelectMany((r, _) => r.Of(kind) is { } result ? ImmutableArray.Create(result) : ImmutableArray<LayerResult>.Empty), onnx);
    }

    /// <summary>
    /// <c>ForAttributeWithMetadataName</c> per layer attribute, the transform <see cref="LayerParser.Parse"/> on the
    /// attributes of that declaration: the plain design, which binds every annotated type of a changed file again and walks
    /// each changed file whole (about 0.15 ms per keystroke more than <see cref="Indexed"/>; see docs/architecture.md).
    /// </summary>
    public static DiscoveredLayers ByAttributeName(IncrementalGeneratorInitializationContext context)
    {
        var byKind = LayerKindInfo.All.ToDictionary(k => k.Kind, k => context.SyntaxProvider.ForAttributeWithMetadataName(
            "ConvGen." + k.ClassName,
            // The attributes' usage: classes and structs (records among them); on an interface or enum they are CS0592.
            static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
            (ctx, ct) => LayerParser.Parse(
                new AttributeTarget((TypeDeclarationSyntax)ctx.TargetNode, (INamedTypeSymbol)ctx.TargetSymbol, ctx.SemanticModel, ctx.Attributes),
                k.Kind, ct)));
        var onnx = context.SyntaxProvider.ForAttributeWithMetadataName(OnnxModelPipeline.AttributeMetadataName,
            static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
            static (ctx, _) => OnnxModelPipeline.Request((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0]));
        return new DiscoveredLayers(kind => byKind[kind], onnx);
    }
}

/// <summary>What discovery yields: for each layer attribute, one result per annotated type.</summary>
internal sealed class DiscoveredLayers
{
    private readonly System.Func<LayerKind, IncrementalValuesProvider<LayerResult>> _of;

    public DiscoveredLayers(System.Func<LayerKind, IncrementalValuesProvider<LayerResult>> of, IncrementalValuesProvider<OnnxRequest> onnxModels)
    {
        _of = of;
        OnnxModels = onnxModels;
    }

    public IncrementalValuesProvider<LayerResult> Of(LayerKind kind) => _of(kind);

    /// <summary>The [OnnxModel] types, found by the same discovery as the layers.</summary>
    public IncrementalValuesProvider<OnnxRequest> OnnxModels { get; }
}
