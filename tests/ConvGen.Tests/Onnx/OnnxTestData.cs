using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Onnx;

/// <summary>
/// The ONNX conformance fixture (Fixtures/OnnxReader/onnx-testdata.zip, made by
/// tests/fixtures/make_onnx_reader_fixtures.py), read once: the models by "folder/case", python3-onnx's reading of
/// each (expected.jsonl, one line per model), and the first data set of the supported ones (file name → bytes).
/// </summary>
internal static class OnnxTestData
{
    private static readonly Lazy<(Dictionary<string, byte[]> Models, string[] Expected, Dictionary<string, Dictionary<string, byte[]>> Sets)> Zip = new(Load);

    public static Dictionary<string, byte[]> Models => Zip.Value.Models;

    public static string[] Expected => Zip.Value.Expected;

    public static Dictionary<string, Dictionary<string, byte[]>> DataSets => Zip.Value.Sets;

    private static (Dictionary<string, byte[]>, string[], Dictionary<string, Dictionary<string, byte[]>>) Load()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(RepositoryPaths.Root(), "tests", "ConvGen.Tests", "Fixtures", "OnnxReader", "onnx-testdata.zip"));
        var models = new Dictionary<string, byte[]>();
        var sets = new Dictionary<string, Dictionary<string, byte[]>>();
        string[] expected = [];
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            if (entry.FullName == "expected.jsonl")
                expected = System.Text.Encoding.UTF8.GetString(memory.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            else if (entry.FullName.StartsWith("models/", StringComparison.Ordinal))
                models[entry.FullName["models/".Length..^".onnx".Length]] = memory.ToArray();
            else if (entry.FullName.StartsWith("data/", StringComparison.Ordinal))
            {
                var path = entry.FullName["data/".Length..];
                var model = path[..path.LastIndexOf('/')];
                if (!sets.TryGetValue(model, out var files)) sets[model] = files = new Dictionary<string, byte[]>();
                files[path[(path.LastIndexOf('/') + 1)..]] = memory.ToArray();
            }
        }

        return (models, expected, sets);
    }
}
