using System.Linq;
using ConvGen.Model;

namespace ConvGen;

/// <summary>Names of the tracked pipeline steps (for incrementality tests): the shared input steps, then one set per
/// attribute.</summary>
internal static class TrackingNames
{
    /// <summary>Each file's declarations (fingerprint, aliases, attributed types): syntax, read once per file version.</summary>
    public const string SourceFiles = nameof(SourceFiles);

    /// <summary>[OnnxModel]: the project's model files, read and parsed (collected).</summary>
    public const string OnnxFiles = nameof(OnnxFiles);

    /// <summary>[OnnxModel]: the annotated types.</summary>
    public const string OnnxRequests = nameof(OnnxRequests);

    /// <summary>[OnnxModel]: each type's lowered network or diagnostics.</summary>
    public const string OnnxResults = nameof(OnnxResults);

    /// <summary>Each type declaration that may carry a ConvGen attribute (by its attributes' names and the aliases).</summary>
    public const string Candidates = nameof(Candidates);

    /// <summary>The declaration index with the references and options: one value, equal while none changed.</summary>
    public const string Index = nameof(Index);

    /// <summary>Each candidate with the key of the declarations its binding can see.</summary>
    public const string Keys = nameof(Keys);

    /// <summary>Each type that may carry a ConvGen attribute, bound: its results for both attributes (values only).</summary>
    public const string Layers = nameof(Layers);

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

    /// <summary>The input steps: they hold syntax nodes of the current trees and a weak reference to a compilation,
    /// by design (they are what tells a changed file from an unchanged one).</summary>
    public static readonly string[] Inputs = { SourceFiles, Candidates, Index, Keys };

    /// <summary>The steps that hold values only: the bound layers, then each attribute's steps.</summary>
    public static readonly string[] All = new[] { Layers }
        .Concat(LayerKindInfo.All.SelectMany(k => new[] { Results, Diagnostics, Models, HintClashes, Files }.Select(step => Of(k.Kind, step))))
        .ToArray();

    public static string Of(LayerKind kind, string step) => LayerKindInfo.Of(kind).Name + step;
}
