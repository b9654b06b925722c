using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ConvGen.Diagnostics;
using ConvGen.Emitting;
using ConvGen.Model;
using ConvGen.Onnx;
using ConvGen.Parsing;
using Microsoft.CodeAnalysis;

namespace ConvGen.Pipeline;

/// <summary>
/// A model file as the generator reads it: the text ConvGen's build step wrote for an <c>.onnx</c> AdditionalFiles item
/// (<see cref="Header"/>, the item's path as the project gives it, the file in base64), read once per change of the
/// file; or, for an <c>.onnx</c> item itself, only its path (the generator never reads a binary file).
/// </summary>
internal sealed record OnnxFile(string Source, bool Converted, OnnxGraph? Graph, string? Error)
{
    public const string Header = "ConvGen ONNX 1";

    /// <summary>The extension of the converted text (build/ConvGen.targets writes it).</summary>
    public const string Extension = ".onnx.convgen";

    public static bool IsModelFile(string path) =>
        path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) || path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    public static OnnxFile Read(AdditionalText file, CancellationToken ct)
    {
        if (file.Path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            return new OnnxFile(Normalize(file.Path), false, null, null);
        var text = file.GetText(ct)?.ToString() ?? "";
        var lines = text.Split(new[] { '\n' }, 3);
        if (lines.Length < 3 || lines[0].Trim() != Header)
            return new OnnxFile(Normalize(file.Path), true, null, "the converted file is not in ConvGen's format (rebuild the project)");
        var source = Normalize(lines[1].Trim());
        try
        {
            var bytes = Convert.FromBase64String(lines[2].Trim());
            return new OnnxFile(source, true, OnnxReader.Read(bytes), null);
        }
        catch (FormatException e)
        {
            return new OnnxFile(source, true, null, e.Message);
        }
        catch (OnnxFormatException e)
        {
            return new OnnxFile(source, true, null, e.Message);
        }
    }

    /// <summary>Forward slashes, no leading "./".</summary>
    public static string Normalize(string path)
    {
        var p = path.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal)) p = p.Substring(2);
        return p;
    }

    public static string FileName(string path)
    {
        var p = Normalize(path);
        return p.Substring(p.LastIndexOf('/') + 1);
    }
}

/// <summary>One [OnnxModel] type as found: where its members go (null where the type is not valid), the path, where
/// the attribute is, and the type's own problems.</summary>
internal sealed record OnnxRequest(TypeTarget? Target, string Path, LocationInfo? Location, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The pipeline's output for one [OnnxModel] type: the model to emit (null on error) and the diagnostics.</summary>
internal sealed record OnnxResult(NetworkModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// [OnnxModel]: the annotated types (ForAttributeWithMetadataName), the project's model files (AdditionalFiles, read and
/// parsed once per change), combined → per type one <see cref="OnnxResult"/> → diagnostics and one source file. A
/// keystroke re-runs only the attribute's transform, whose result is equal unless the attribute or the type changed.
/// </summary>
internal static class OnnxModelPipeline
{
    public const string AttributeName = "OnnxModel";

    public const string AttributeClassName = AttributeName + "Attribute";

    public const string AttributeMetadataName = AttributeSource.Namespace + "." + AttributeClassName;

    /// <summary>The model files, combined with the [OnnxModel] types <paramref name="requests"/> (found by the layers'
    /// discovery, so no syntax provider of its own runs on each keystroke) → diagnostics and one file per type.</summary>
    public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<OnnxRequest> requests)
    {
        var files = context.AdditionalTextsProvider
            .Where(static t => OnnxFile.IsModelFile(t.Path))
            .Select(static (t, ct) => OnnxFile.Read(t, ct))
            .Collect()
            .WithTrackingName(TrackingNames.OnnxFiles);

        var results = requests
            .WithTrackingName(TrackingNames.OnnxRequests)
            .Combine(files)
            .Select(static (pair, ct) => Resolve(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.OnnxResults);

        context.RegisterSourceOutput(results, static (spc, result) =>
        {
            foreach (var d in result.Diagnostics) spc.ReportDiagnostic(d.ToDiagnostic());
            if (result.Model is { } model)
                spc.AddSource(string.Join(".", model.Target.MetadataName.Split('+')) + ".OnnxModel.g.cs", NetworkEmitter.Emit(model));
        });
    }

    /// <summary>The [OnnxModel] <paramref name="attribute"/> on <paramref name="type"/>, as values.</summary>
    public static OnnxRequest Request(INamedTypeSymbol type, AttributeData attribute)
    {
        var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation());
        var diagnostics = new List<DiagnosticInfo>();
        var path = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string p ? p : "";
        var target = TargetParser.ParseOnnx(type, location, NetworkEmitter.MemberNames, diagnostics);
        if (path.Trim().Length == 0)
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.OnnxFileMissing, location, path, " (the path is empty)"));
        return new OnnxRequest(diagnostics.Count == 0 ? target : null, path, location, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
    }

    private static OnnxResult Resolve(OnnxRequest request, ImmutableArray<OnnxFile> files, CancellationToken ct)
    {
        if (request.Target is null) return new OnnxResult(null, request.Diagnostics);
        OnnxResult Fail(DiagnosticDescriptor d, params object[] args) =>
            new(null, new EquatableArray<DiagnosticInfo>(new[] { DiagnosticInfo.Create(d, request.Location, args) }));

        var wanted = OnnxFile.Normalize(request.Path.Trim());
        var matches = files.Where(f => f.Converted && f.Source == wanted).ToArray();
        if (matches.Length == 0 && wanted.IndexOf('/') < 0)
            matches = files.Where(f => f.Converted && OnnxFile.FileName(f.Source) == wanted).ToArray();
        if (matches.Length > 1)
            return Fail(Descriptors.OnnxAmbiguous, request.Path, string.Join(", ", matches.Select(m => m.Source).OrderBy(s => s, StringComparer.Ordinal)));
        if (matches.Length == 0)
        {
            if (files.Any(f => !f.Converted && (f.Source == wanted || f.Source.EndsWith("/" + wanted, StringComparison.Ordinal) || OnnxFile.FileName(f.Source) == wanted)))
                return Fail(Descriptors.OnnxNotConverted, request.Path);
            var known = files.Where(f => f.Converted).Select(f => f.Source).OrderBy(s => s, StringComparer.Ordinal).ToArray();
            return Fail(Descriptors.OnnxFileMissing, request.Path, known.Length == 0 ? "" : $" (its .onnx items: {string.Join(", ", known)})");
        }

        var file = matches[0];
        if (file.Graph is not { } graph) return Fail(Descriptors.OnnxUnreadable, file.Source, file.Error ?? "unknown error");
        ct.ThrowIfCancellationRequested();
        var parameters = graph.Initializers.Where(t => t.DataType == OnnxDataType.Float).Sum(t => t.ElementCount);
        if (parameters > OnnxLowering.MaxParameters)
            return Fail(Descriptors.OnnxTooLarge, file.Source, parameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                OnnxLowering.MaxParameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        var (network, problems) = OnnxLowering.Lower(graph, file.Source);
        if (network is null)
            return new OnnxResult(null, new EquatableArray<DiagnosticInfo>(problems.Take(10)
                .Select(p => DiagnosticInfo.Create(Descriptors.OnnxUnsupported, request.Location, file.Source, p.ToString())).ToArray()));
        return new OnnxResult(new NetworkModel(request.Target, network), EquatableArray<DiagnosticInfo>.Empty);
    }
}
