using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace ConvGen.PeerBenchmarks;

/// <summary>A minimal protocol-buffers writer: varints and length-delimited fields, enough for an ONNX ModelProto.
/// Repeated scalars are written unpacked (proto2's default, which onnx.proto uses); parsers accept both forms.</summary>
public sealed class ProtoWriter
{
    private readonly MemoryStream _stream = new();

    public byte[] ToArray() => _stream.ToArray();

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _stream.WriteByte((byte)value);
    }

    private void Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    /// <summary>An int32/int64/enum field (wire type 0); a negative value takes ten bytes, as protobuf writes it.</summary>
    public ProtoWriter Int(int field, long value)
    {
        Tag(field, 0);
        Varint((ulong)value);
        return this;
    }

    /// <summary>A bytes field (wire type 2).</summary>
    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        Varint((ulong)value.Length);
        _stream.Write(value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>An embedded message (wire type 2), its body written by <paramref name="body"/>.</summary>
    public ProtoWriter Message(int field, Action<ProtoWriter> body)
    {
        var inner = new ProtoWriter();
        body(inner);
        return Bytes(field, inner.ToArray());
    }
}

/// <summary>One ONNX node with fixed shapes: its op, its input X and output Y (batch first), its weights' shape (an
/// initializer W, or none) and its INT / INTS attributes.</summary>
public sealed record OnnxLayer(string OpType, long[] InputShape, long[] OutputShape, long[]? WeightsShape, (string Name, long[] Values, bool Scalar)[] Attributes)
{
    public int InputLength => checked((int)InputShape.Aggregate(1L, (a, b) => a * b));

    public int OutputLength => checked((int)OutputShape.Aggregate(1L, (a, b) => a * b));

    public int WeightsLength => WeightsShape is null ? 0 : checked((int)WeightsShape.Aggregate(1L, (a, b) => a * b));

    /// <summary>The multiply-adds of one call: each output of a Conv or Gemm takes one per weight of its output
    /// channel (row); each input of a ConvTranspose gives one per weight of its input channel; a pooling has none.</summary>
    public long MultiplyAdds => OpType switch
    {
        "Conv" or "Gemm" => (long)OutputLength * (WeightsLength / WeightsShape![0]),
        "ConvTranspose" => (long)InputLength * (WeightsLength / WeightsShape![0]),
        _ => 0,
    };

    /// <summary>ONNX Conv: X N×C×H×W, W D×C/G×P×Q (PyTorch's layout, ConvGen's), symmetric padding.</summary>
    public static OnnxLayer Conv(int n, int c, int h, int w, int d, int p, int q, int stride = 1, int padding = 0, int groups = 1) =>
        new("Conv", [n, c, h, w], [n, d, (h + 2 * padding - p) / stride + 1, (w + 2 * padding - q) / stride + 1], [d, c / groups, p, q],
            ConvAttributes(p, q, stride, padding, groups));

    /// <summary>ONNX ConvTranspose: X N×C×H×W, W C×D/G×P×Q (PyTorch's layout, ConvGen's), symmetric padding.</summary>
    public static OnnxLayer ConvTranspose(int n, int c, int h, int w, int d, int p, int q, int stride = 1, int padding = 0, int groups = 1) =>
        new("ConvTranspose", [n, c, h, w], [n, d, (h - 1) * stride - 2 * padding + p, (w - 1) * stride - 2 * padding + q], [c, d / groups, p, q],
            ConvAttributes(p, q, stride, padding, groups));

    /// <summary>ONNX Gemm with transB = 1: Y = X·Wᵀ, X N×inputs, W outputs×inputs (PyTorch's Linear layout, ConvGen's).</summary>
    public static OnnxLayer Gemm(int n, int inputs, int outputs) =>
        new("Gemm", [n, inputs], [n, outputs], [outputs, inputs], [("transB", [1], true)]);

    /// <summary>ONNX MaxPool: a k×k window of stride <paramref name="stride"/>, no padding.</summary>
    public static OnnxLayer MaxPool(int n, int c, int h, int w, int k, int stride) =>
        new("MaxPool", [n, c, h, w], [n, c, (h - k) / stride + 1, (w - k) / stride + 1], null,
            [("kernel_shape", [k, k], false), ("strides", [stride, stride], false), ("pads", [0, 0, 0, 0], false), ("dilations", [1, 1], false)]);

    private static (string, long[], bool)[] ConvAttributes(int p, int q, int stride, int padding, int groups) =>
    [
        ("kernel_shape", [p, q], false), ("strides", [stride, stride], false), ("pads", [padding, padding, padding, padding], false),
        ("dilations", [1, 1], false), ("group", [groups], true),
    ];

    /// <summary>The serialized ModelProto (IR version 8, default-domain opset 17): one node X → Y, the weights (and a
    /// bias B, if given) as float initializers in raw little-endian data.</summary>
    public byte[] ToModel(float[]? weights, float[]? bias = null)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("raw_data is written little-endian from memory");
        if ((weights?.Length ?? 0) != WeightsLength) throw new ArgumentException($"{OpType}: {weights?.Length ?? 0} weights, expected {WeightsLength}");
        var inputs = new[] { "X", "W", "B" }.Take(weights is null ? 1 : bias is null ? 2 : 3).ToArray();

        static void Tensor(ProtoWriter t, string name, long[] dims, float[] data)
        {
            foreach (var dim in dims) t.Int(1, dim);            // dims
            t.Int(2, 1);                                        // data_type = FLOAT
            t.String(8, name);                                  // name
            t.Bytes(9, MemoryMarshal.AsBytes(data.AsSpan()));   // raw_data
        }

        static void ValueInfo(ProtoWriter v, string name, long[] shape) => v
            .String(1, name)                                    // name
            .Message(2, type => type                            // type: TypeProto
                .Message(1, tensor => tensor                    // tensor_type
                    .Int(1, 1)                                  // elem_type = FLOAT
                    .Message(2, s =>                            // shape: TensorShapeProto
                    {
                        foreach (var dim in shape) s.Message(1, d => d.Int(1, dim)); // dim { dim_value }
                    })));

        return new ProtoWriter()
            .Int(1, 8)                                          // ir_version
            .Message(7, graph =>                                // graph
            {
                graph.Message(1, node =>                        // node
                {
                    foreach (var input in inputs) node.String(1, input);
                    node.String(2, "Y").String(3, OpType.ToLowerInvariant()).String(4, OpType);
                    foreach (var (name, values, scalar) in Attributes)
                        node.Message(5, a =>                    // attribute
                        {
                            a.String(1, name);
                            if (scalar) a.Int(3, values[0]).Int(20, 2);       // i, type = INT
                            else
                            {
                                foreach (var v in values) a.Int(8, v);       // ints
                                a.Int(20, 7);                                 // type = INTS
                            }
                        });
                });
                graph.String(2, "convgen_peer");                // name
                if (weights is not null) graph.Message(5, t => Tensor(t, "W", WeightsShape!, weights));
                if (bias is not null) graph.Message(5, t => Tensor(t, "B", [bias.Length], bias));
                graph.Message(11, v => ValueInfo(v, "X", InputShape));
                graph.Message(12, v => ValueInfo(v, "Y", OutputShape));
            })
            .Message(8, opset => opset.String(1, "").Int(2, 17))  // opset_import: domain "", version 17
            .ToArray();
    }
}
