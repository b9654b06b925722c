using ConvGen.Diagnostics;
using ConvGen.Emitting;
using ConvGen.Model;
using ConvGen.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen;

/// <summary>
/// The pipeline only: one ForAttributeWithMetadataName per attribute → an equatable <see cref="LayerResult"/>
/// (values, no symbols or syntax) → split into a diagnostics output and a source output (named once per kind).
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
            ctx.AddSource("ConvGen.Conv2DAttribute.g.cs",
                AttributeSource.Attribute(AttributeSource.Conv2DName, "Generates a fixed-shape 2-D convolution (cross-correlation, as in deep learning) on this partial type: y = M·x."));
            ctx.AddSource("ConvGen.ConvTranspose2DAttribute.g.cs",
                AttributeSource.Attribute(AttributeSource.ConvTranspose2DName, "Generates a fixed-shape 2-D transposed convolution (PyTorch's conv_transpose2d) on this partial type."));
            ctx.AddSource(AttributeSource.EnumsHint, AttributeSource.Enums);
            ctx.AddSource(GuardSource.Hint, GuardSource.Text.Replace("\"VERSION\"", "\"" + LayerEmitter.Version + "\""));
        });

        Register(context, AttributeSource.Conv2DMetadataName, LayerKind.Conv2D);
        Register(context, AttributeSource.ConvTranspose2DMetadataName, LayerKind.ConvTranspose2D);
    }

    private static void Register(IncrementalGeneratorInitializationContext context, string metadataName, LayerKind kind)
    {
        var results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                metadataName,
                static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                (ctx, ct) => LayerParser.Parse(ctx, kind, ct))
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
