using ConvGen.Model;

namespace ConvGen;

/// <summary>Names of the tracked pipeline steps (for incrementality tests): one set per attribute.</summary>
internal static class TrackingNames
{
    /// <summary>The transform: one <c>LayerResult</c> per annotated type.</summary>
    public const string Results = nameof(Results);

    /// <summary>The diagnostics of each result.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>The model of each valid result.</summary>
    public const string Models = nameof(Models);

    /// <summary>The names whose file names clash case-insensitively (one value for all layers of a kind).</summary>
    public const string HintClashes = nameof(HintClashes);

    /// <summary>Each model with the clash set: what the source output emits from.</summary>
    public const string Files = nameof(Files);

    public const string Conv2DResults = "Conv2D" + Results;
    public const string Conv2DDiagnostics = "Conv2D" + Diagnostics;
    public const string Conv2DModels = "Conv2D" + Models;
    public const string Conv2DHintClashes = "Conv2D" + HintClashes;
    public const string Conv2DFiles = "Conv2D" + Files;
    public const string ConvTranspose2DResults = "ConvTranspose2D" + Results;
    public const string ConvTranspose2DDiagnostics = "ConvTranspose2D" + Diagnostics;
    public const string ConvTranspose2DModels = "ConvTranspose2D" + Models;
    public const string ConvTranspose2DHintClashes = "ConvTranspose2D" + HintClashes;
    public const string ConvTranspose2DFiles = "ConvTranspose2D" + Files;

    public static readonly string[] All =
    {
        Conv2DResults, Conv2DDiagnostics, Conv2DModels, Conv2DHintClashes, Conv2DFiles,
        ConvTranspose2DResults, ConvTranspose2DDiagnostics, ConvTranspose2DModels, ConvTranspose2DHintClashes, ConvTranspose2DFiles,
    };

    public static string Of(LayerKind kind, string step) => (kind == LayerKind.Conv2D ? "Conv2D" : "ConvTranspose2D") + step;
}
