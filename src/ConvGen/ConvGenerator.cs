using System.Collections.Immutable;
using ConvGen.Diagnostics;
using ConvGen.Emitting;
using ConvGen.Model;
using ConvGen.Parsing;
using ConvGen.Pipeline;
using Microsoft.CodeAnalysis;

namespace ConvGen;

/// <summary>
/// The pipeline only: the attributes' sources, then the layers <see cref="LayerDiscovery"/> finds → per layer attribute,
/// one equatable <see cref="LayerResult"/> per annotated type (values, no symbols or syntax) → a diagnostics output and a
/// source output per kind (file names chosen once per kind).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ConvGenerator : IIncrementalGenerator
{
    private readonly Discovery _discovery;
    private readonly bool _attributes;

    /// <summary>
    /// The generator as the compiler loads it: the attributes' sources, and the layers by <see cref="Discovery.Indexed"/>
    /// unless the project sets <c>ConvGenDiscovery</c> to <c>AttributeName</c> (then ConvGen.AttributeDiscovery.dll's
    /// generator discovers them).
    /// </summary>
    public ConvGenerator() : this(Discovery.Indexed)
    {
    }

    /// <summary>The generator with the given layer discovery (the tests run both and require the same output), with or
    /// without the attributes' sources.</summary>
    internal ConvGenerator(Discovery discovery, bool attributes = true)
    {
        _discovery = discovery;
        _attributes = attributes;
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        if (_attributes)
            context.RegisterPostInitializationOutput(AddAttributes);

        var layers = LayerDiscovery.Discover(context, _discovery);
        OnnxModelPipeline.Register(context, layers.OnnxModels);
        foreach (var kind in LayerKindInfo.All)
            Register(context, layers.Of(kind.Kind), kind.Kind);
    }

    private static void AddAttributes(IncrementalGeneratorPostInitializationContext ctx)
    {
        ctx.AddEmbeddedAttributeDefinition();
        foreach (var kind in LayerKindInfo.All)
            ctx.AddSource($"ConvGen.{kind.ClassName}.g.cs", AttributeSource.Attribute(kind));
        ctx.AddSource(AttributeSource.OnnxModelHint, AttributeSource.OnnxModel);
        ctx.AddSource(AttributeSource.EnumsHint, AttributeSource.Enums);
        ctx.AddSource(GuardSource.Hint, GuardSource.Text.Replace("\"VERSION\"", "\"" + LayerEmitter.Version + "\""));
        ctx.AddSource(ParallelSource.Hint, ParallelSource.Text.Replace("\"VERSION\"", "\"" + LayerEmitter.Version + "\""));
        ctx.AddSource(ScratchSource.Hint, ScratchSource.Text.Replace("\"VERSION\"", "\"" + LayerEmitter.Version + "\""));
    }

    private static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<LayerResult> results, LayerKind kind)
    {
        results = results.WithTrackingName(TrackingNames.Of(kind, TrackingNames.Results));

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
