using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using ConvGen.Pipeline;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace ConvGen.Tests.Onnx;

/// <summary>
/// [OnnxModel] through the generator driver: the model files as the build step hands them over (converted text, and the
/// .onnx item itself), each CONV08x error with its message on the attribute, and a model that generates code which
/// compiles with no diagnostic.
/// </summary>
public sealed class OnnxModelGeneratorTests
{
    private sealed class Text(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    /// <summary>What build/ConvGen.Onnx.targets writes for an .onnx item.</summary>
    private static AdditionalText Converted(string source, byte[] model, string name = "m") =>
        new Text($"/project/obj/convgen/{name}.1.onnx.convgen", $"{OnnxFile.Header}\n{source}\n{Convert.ToBase64String(model)}\n");

    private static byte[] Digits => File.ReadAllBytes(Path.Combine(RepositoryPaths.Root(), "tests", "ConvGen.IntegrationTests", "Models", "digits.onnx"));

    private static (ImmutableArray<Diagnostic> Diagnostics, Compilation Output, ImmutableDictionary<string, string> Sources) Run(string source, params AdditionalText[] files)
    {
        var compilation = GeneratorDriverHelper.CreateCompilation("using ConvGen;\n" + source);
        var driver = CSharpGeneratorDriver.Create(new[] { new ConvGenerator().AsSourceGenerator() }, files, GeneratorDriverHelper.ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var sources = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _).GetRunResult().Results[0].GeneratedSources
            .ToImmutableDictionary(s => s.HintName, s => s.SourceText.ToString());
        return (diagnostics, output, sources);
    }

    private static Diagnostic Single(string source, string id, params AdditionalText[] files)
    {
        var (diagnostics, _, _) = Run(source, files);
        var d = Assert.Single(diagnostics);
        Assert.Equal(id, d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.StartsWith("OnnxModel(", ("using ConvGen;\n" + source).Substring(d.Location.SourceSpan.Start), StringComparison.Ordinal);
        return d;
    }

    private static string Message(Diagnostic d) => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_model_generates_code_that_compiles_cleanly_and_documents_its_steps()
    {
        var (diagnostics, output, sources) = Run("[OnnxModel(\"Models/digits.onnx\")] public static partial class Digits;", Converted("Models/digits.onnx", Digits));
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var text = sources["Digits.OnnxModel.g.cs"];
        Assert.Contains("public const int InputLength = 64;", text, StringComparison.Ordinal);
        Assert.Contains("public const int OutputLength = 10;", text, StringComparison.Ordinal);
        // 3×3 taps over 8 positions with padding 1 read 8·3 − 2 = 22 inputs per axis: 22·22 taps × 8 filters × 1 channel;
        // the dense layer 256·10.
        Assert.Contains("Conv + Relu as [Conv2D]: [1, 8, 8] → [8, 8, 8], kernel 3×3; 3,872 multiply-adds.", text, StringComparison.Ordinal);
        Assert.Contains("Gemm as [Linear]: 256 → 10; 2,560 multiply-adds.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bare_file_name_and_backslashes_find_the_model()
    {
        foreach (var path in new[] { "digits.onnx", "Models\\\\digits.onnx", "./Models/digits.onnx" })
            Assert.Empty(Run($"[OnnxModel(\"{path}\")] public static partial class Digits;", Converted("Models/digits.onnx", Digits)).Diagnostics);
    }

    [Fact]
    public void CONV080_a_path_that_is_no_model_of_the_build()
    {
        var d = Single("[OnnxModel(\"Models/other.onnx\")] public static partial class M;", "CONV080", Converted("Models/digits.onnx", Digits));
        Assert.Equal("'Models/other.onnx' is not an AdditionalFiles item of this project (its .onnx items: Models/digits.onnx): add <AdditionalFiles Include=\"Models/other.onnx\" /> to the project file", Message(d));
        Assert.Contains("(the path is empty)", Message(Single("[OnnxModel(\"\")] public static partial class M;", "CONV080")), StringComparison.Ordinal);
    }

    [Fact]
    public void CONV081_a_file_that_is_not_a_model()
    {
        var d = Single("[OnnxModel(\"bad.onnx\")] public static partial class M;", "CONV081", Converted("bad.onnx", new byte[] { 0x0A, 0xFF, 0x01 }));
        Assert.StartsWith("'bad.onnx' cannot be read as an ONNX model: ", Message(d), StringComparison.Ordinal);
    }

    [Fact]
    public void CONV082_names_the_node_and_the_reason()
    {
        var gru = Run("[OnnxModel(\"gru.onnx\")] public static partial class M;", Converted("gru.onnx", OnnxTestData.Models["node/test_gru_defaults"])).Diagnostics;
        Assert.All(gru, d => Assert.Equal("CONV082", d.Id));
        Assert.Equal(new[] { "'gru.onnx': the model has 3 inputs ('X', 'W', 'R'); ConvGen takes one", "'gru.onnx': node '#0' (GRU): operator 'GRU' is not supported" }, gru.Select(Message));
        var fixedBatch = OnnxTestData.Models["node/test_leakyrelu"];
        var d = Single("[OnnxModel(\"leaky.onnx\")] public static partial class M;", "CONV082", Converted("leaky.onnx", fixedBatch));
        Assert.Contains("has a fixed batch of 3; export it with a batch of 1 or a symbolic batch axis", Message(d), StringComparison.Ordinal);
    }

    [Fact]
    public void CONV083_a_model_above_the_parameter_limit()
    {
        var d = Single("[OnnxModel(\"big.onnx\")] public static partial class M;", "CONV083", Converted("big.onnx", BigModel(OnnxLoweringLimit + 1)));
        Assert.Equal("'big.onnx' has 1,048,577 parameters, above ConvGen's limit of 1,048,576 per model (the generated source grows by about 20 characters per parameter)", Message(d));
    }

    private const int OnnxLoweringLimit = ConvGen.Onnx.OnnxLowering.MaxParameters;

    [Fact]
    public void CONV084_a_bare_file_name_that_two_items_share()
    {
        var d = Single("[OnnxModel(\"digits.onnx\")] public static partial class M;", "CONV084",
            Converted("a/digits.onnx", Digits, "a"), Converted("b/digits.onnx", Digits, "b"));
        Assert.Equal("'digits.onnx' names several AdditionalFiles items (a/digits.onnx, b/digits.onnx); give the path relative to the project directory", Message(d));
    }

    [Fact]
    public void CONV085_an_onnx_item_the_build_step_did_not_convert()
    {
        var d = Single("[OnnxModel(\"Models/digits.onnx\")] public static partial class M;", "CONV085", new Text("/project/Models/digits.onnx", "binary"));
        Assert.StartsWith("'Models/digits.onnx' is an AdditionalFiles item, but ConvGen's build step", Message(d), StringComparison.Ordinal);
    }

    [Fact]
    public void The_type_rules_of_the_layers_apply()
    {
        var file = Converted("digits.onnx", Digits);
        Assert.Equal("CONV001", Single("[OnnxModel(\"digits.onnx\")] public static class M { }", "CONV001", file).Id);
        Assert.Equal("CONV004", Single("[OnnxModel(\"digits.onnx\")] [Linear(4, 3)] public static partial class M;", "CONV004", file).Id);
        Assert.Contains("already declares 'Forward'", Message(Single("[OnnxModel(\"digits.onnx\")] public static partial class M { public static void Forward() { } }", "CONV005", file)), StringComparison.Ordinal);
    }

    /// <summary>A model of one Identity node whose weights (an unused initializer) have <paramref name="parameters"/>
    /// float elements: the protobuf written by hand (ModelProto fields 1, 7, 8).</summary>
    private static byte[] BigModel(int parameters)
    {
        static void Varint(List<byte> b, ulong v)
        {
            for (; v >= 0x80; v >>= 7) b.Add((byte)(v | 0x80));
            b.Add((byte)v);
        }

        static List<byte> Field(int number, List<byte> body)
        {
            var b = new List<byte>();
            Varint(b, (ulong)(number << 3 | 2));
            Varint(b, (ulong)body.Count);
            b.AddRange(body);
            return b;
        }

        static List<byte> Str(int number, string s) => Field(number, System.Text.Encoding.UTF8.GetBytes(s).ToList());

        static List<byte> Int(int number, long v)
        {
            var b = new List<byte>();
            Varint(b, (ulong)(number << 3));
            Varint(b, (ulong)v);
            return b;
        }

        var tensor = Int(1, parameters).Concat(Int(2, 1)).Concat(Str(8, "w")).Concat(Field(9, new byte[4L * parameters > int.MaxValue ? 0 : 4 * parameters].ToList())).ToList();
        var dim = (Func<long, List<byte>>)(v => Field(1, Int(1, v)));
        var shape = Field(2, Field(1, Int(1, 1).Concat(Field(2, dim(1).Concat(dim(4)).ToList())).ToList()));
        var valueInfo = (Func<string, List<byte>>)(name => Str(1, name).Concat(shape).ToList());
        var node = Str(1, "x").Concat(Str(2, "y")).Concat(Str(3, "id")).Concat(Str(4, "Identity")).ToList();
        var graph = Field(1, node).Concat(Str(2, "g")).Concat(Field(5, tensor)).Concat(Field(11, valueInfo("x"))).Concat(Field(12, valueInfo("y"))).ToList();
        return Int(1, 7).Concat(Field(7, graph)).Concat(Field(8, Int(2, 13))).ToArray();
    }
}
