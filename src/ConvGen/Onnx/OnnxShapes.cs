using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Onnx;

/// <summary>A value of the graph at build time: its static shape, and its elements where they are known then (the
/// shape arithmetic an exporter emits, constants, small initializers), as doubles (integers exact up to 2⁵³).</summary>
internal sealed record OnnxValue(long[] Shape, double[]? Data, bool Integer)
{
    public long Count => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>
/// The second stage of importing a model: every value's static shape, node by node in the graph's (topological)
/// order, with the operators' ONNX definitions (opsets 6–21), and the values known at build time evaluated, so the
/// shape arithmetic exporters emit (<c>Shape → Gather → Unsqueeze → Concat → Reshape</c>) folds to constants. The
/// graph input's shape is given by the caller (its batch axis bound). The first node that cannot be inferred stops it
/// with a problem naming the node.
/// </summary>
internal static partial class OnnxShapes
{
    /// <summary>Values with more elements than this are not evaluated at build time (their shape still is).</summary>
    public const int MaxEvaluated = 1 << 16;

    public static (Dictionary<string, OnnxValue> Values, OnnxProblem? Problem) Infer(OnnxGraph graph, IReadOnlyDictionary<string, long[]> inputs)
    {
        var values = new Dictionary<string, OnnxValue>();
        foreach (var t in graph.Initializers) values[t.Name] = FromTensor(t);
        foreach (var i in inputs) values[i.Key] = new OnnxValue(i.Value, null, false);
        for (var n = 0; n < graph.Nodes.Count; n++)
        {
            var node = graph.Nodes[n];
            try
            {
                var outputs = InferNode(node, values, graph.OpsetVersion);
                for (var o = 0; o < outputs.Length && o < node.Outputs.Count; o++)
                    if (node.Outputs[o].Length > 0 && outputs[o] is { } v) values[node.Outputs[o]] = v;
            }
            catch (ShapeException e)
            {
                return (values, new OnnxProblem(node.Name.Length > 0 ? node.Name : "#" + n, node.OpType, e.Message));
            }
        }

        return (values, null);
    }

    /// <summary>One node's output values (shapes, and elements where its inputs' are known); throws
    /// <see cref="ShapeException"/> with the reason where the node cannot be inferred.</summary>
    public static OnnxValue?[] InferNode(OnnxNode node, IReadOnlyDictionary<string, OnnxValue> values, long opset) => new Node(node, values, opset).Infer();

    /// <summary>The axes a ReduceMean or ReduceMax node reduces, on an input of <paramref name="rank"/> axes.</summary>
    public static HashSet<long> ReducedAxes(OnnxNode node, IReadOnlyDictionary<string, OnnxValue> values, long opset, int rank) =>
        new Node(node, values, opset).ReducedAxes(rank);

    public static OnnxValue FromTensor(OnnxTensor t)
    {
        var shape = t.Dims.ToArray();
        double[]? data = null;
        var integer = t.Integers.Count > 0 || t.DataType is OnnxDataType.Int64 or OnnxDataType.Int32 or OnnxDataType.Int8 or OnnxDataType.UInt8 or OnnxDataType.Bool or OnnxDataType.Int16 or OnnxDataType.UInt16 or OnnxDataType.UInt32 or OnnxDataType.UInt64;
        if (t.ElementCount <= MaxEvaluated)
            data = t.Floats.Count > 0 ? t.Floats.Select(f => (double)f).ToArray()
                : t.Doubles.Count > 0 ? t.Doubles.ToArray()
                : t.Integers.Count > 0 ? t.Integers.Select(i => (double)i).ToArray()
                : t.ElementCount == 0 ? [] : null;
        return new OnnxValue(shape, data, integer);
    }

    internal sealed class ShapeException(string message) : Exception(message);

    /// <summary>One node's inference: the operator dispatch and the helpers here, the operators' rules in OnnxShapes.Operators.cs.</summary>
    private readonly partial struct Node(OnnxNode node, IReadOnlyDictionary<string, OnnxValue> values, long opset)
    {
        private bool Has(int i) => i < node.Inputs.Count && node.Inputs[i].Length > 0;

        private OnnxValue In(int i)
        {
            if (!Has(i)) throw new ShapeException($"input {i} is missing");
            return values.TryGetValue(node.Inputs[i], out var v) ? v : throw new ShapeException($"input '{node.Inputs[i]}' has no known shape");
        }

        private double[] Known(int i, string what) =>
            In(i).Data ?? throw new ShapeException($"{what} ('{node.Inputs[i]}') is computed at run time; ConvGen needs it known when the model is built");

        private OnnxAttribute? Attr(string name) => node.Attributes.FirstOrDefault(a => a.Name == name);

        private long Int(string name, long otherwise) => Attr(name) is { } a ? a.Int : otherwise;

        private long[]? Ints(string name) => Attr(name) is { } a ? a.Ints.ToArray() : null;

        private string Str(string name, string otherwise) => Attr(name) is { } a ? a.String : otherwise;

        private static long Axis(long axis, int rank, string what)
        {
            var a = axis < 0 ? axis + rank : axis;
            if (a < 0 || a >= rank) throw new ShapeException($"{what} {axis} is outside a rank-{rank} tensor");
            return a;
        }

        private static OnnxValue Shape(long[] shape) => new(shape, null, false);

        public OnnxValue?[] Infer()
        {
            switch (node.OpType)
            {
                case "Conv": return [Conv(transposed: false)];
                case "ConvTranspose": return [Conv(transposed: true)];
                case "MaxPool" or "AveragePool": return [Pool()];
                case "GlobalAveragePool" or "GlobalMaxPool":
                {
                    var x = In(0).Shape;
                    return [Shape(x.Select((d, i) => i < 2 ? d : 1).ToArray())];
                }

                case "BatchNormalization" or "Relu" or "LeakyRelu" or "Sigmoid" or "Tanh" or "HardSigmoid" or "HardSwish" or "Softmax":
                    return [Shape(In(0).Shape)];
                case "Clip":
                    return [Shape(In(0).Shape)];
                case "Identity": return [In(0)];
                case "Dropout": return [In(0), Shape(In(0).Shape)];
                case "Cast":
                {
                    var x = In(0);
                    var to = (OnnxDataType)Int("to", 1);
                    var integer = to is not (OnnxDataType.Float or OnnxDataType.Double or OnnxDataType.Float16 or OnnxDataType.BFloat16);
                    return [new OnnxValue(x.Shape, integer && x.Data is { } d ? d.Select(Math.Truncate).ToArray() : x.Data, integer)];
                }

                case "Add" or "Sub" or "Mul" or "Div" or "Equal": return [Binary()];
                case "Where": return [Where()];
                case "Flatten":
                {
                    var x = In(0);
                    var axis = Int("axis", 1);
                    axis = axis < 0 ? axis + x.Shape.Length : axis;
                    if (axis < 0 || axis > x.Shape.Length) throw new ShapeException($"axis {Int("axis", 1)} is outside a rank-{x.Shape.Length} tensor");
                    long Product(IEnumerable<long> d) => d.Aggregate(1L, (a, b) => a * b);
                    return [x with { Shape = [Product(x.Shape.Take((int)axis)), Product(x.Shape.Skip((int)axis))] }];
                }

                case "Reshape": return [Reshape()];
                case "ReduceMean" or "ReduceMax": return [Reduce()];
                case "Squeeze": return [Squeeze()];
                case "Unsqueeze": return [Unsqueeze()];
                case "Transpose": return [Transpose()];
                case "Gemm":
                {
                    var (a, b) = (In(0).Shape, In(1).Shape);
                    if (a.Length != 2 || b.Length != 2) throw new ShapeException($"Gemm takes 2-D operands, not [{string.Join(", ", a)}] and [{string.Join(", ", b)}]");
                    var (m, k) = Int("transA", 0) != 0 ? (a[1], a[0]) : (a[0], a[1]);
                    var (k2, n) = Int("transB", 0) != 0 ? (b[1], b[0]) : (b[0], b[1]);
                    if (k != k2) throw new ShapeException($"Gemm's inner sizes differ ({k} and {k2})");
                    return [Shape([m, n])];
                }

                case "MatMul": return [MatMul()];
                case "Concat": return [Concat()];
                case "Pad": return [Pad()];
                case "Constant": return [Constant()];
                case "Shape":
                {
                    var x = In(0).Shape;
                    var (start, end) = (Int("start", 0), Int("end", x.Length));
                    start = Math.Max(0, Math.Min(x.Length, start < 0 ? start + x.Length : start));
                    end = Math.Max(0, Math.Min(x.Length, end < 0 ? end + x.Length : end));
                    var dims = x.Skip((int)start).Take((int)Math.Max(0, end - start)).Select(d => (double)d).ToArray();
                    return [new OnnxValue([dims.Length], dims, true)];
                }

                case "Gather": return [Gather()];
                case "Slice": return [Slice()];
                case "ConstantOfShape":
                {
                    var shape = Known(0, "the shape").Select(d => (long)d).ToArray();
                    var fill = Attr("value")?.Tensor is { } t ? FromTensor(t) : new OnnxValue([1], [0.0], false);
                    var value = new OnnxValue(shape, null, fill.Integer);
                    return [value.Count <= MaxEvaluated && fill.Data is { Length: 1 } f ? value with { Data = Enumerable.Repeat(f[0], (int)value.Count).ToArray() } : value];
                }

                case "Range":
                {
                    var (start, limit, delta) = (Known(0, "start")[0], Known(1, "limit")[0], Known(2, "delta")[0]);
                    if (delta == 0) throw new ShapeException("delta is 0");
                    var count = (long)Math.Max(Math.Ceiling((limit - start) / delta), 0);
                    var integer = In(0).Integer;
                    return [new OnnxValue([count], count <= MaxEvaluated ? Enumerable.Range(0, (int)count).Select(i => start + i * delta).ToArray() : null, integer)];
                }

                case "Expand":
                {
                    var x = In(0);
                    var shape = Broadcast(x.Shape, Known(1, "the shape").Select(d => (long)d).ToArray());
                    return [new OnnxValue(shape, x.Data is { } d ? Spread(d, x.Shape, shape) : null, x.Integer)];
                }

                default: throw new ShapeException($"operator '{node.OpType}' has no shape rule");
            }
        }
    }

    /// <summary>ONNX's multidirectional (numpy) broadcasting of two shapes.</summary>
    public static long[] Broadcast(long[] a, long[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var shape = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            var x = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            var y = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            shape[i] = x == y || y == 1 ? x : x == 1 ? y : throw new ShapeException($"[{string.Join(", ", a)}] and [{string.Join(", ", b)}] do not broadcast");
        }

        return shape;
    }

    /// <summary>Row-major strides of <paramref name="shape"/> (elements per step on each axis).</summary>
    internal static long[] Strides(long[] shape)
    {
        var strides = new long[shape.Length];
        long s = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= shape[i];
        }

        return strides;
    }

    /// <summary>The elements of a value of <paramref name="from"/> broadcast to <paramref name="to"/> (null: too many).</summary>
    private static double[]? Spread(double[] data, long[] from, long[] to)
    {
        var count = to.Aggregate(1L, (a, b) => a * b);
        if (count > MaxEvaluated) return null;
        if (from.SequenceEqual(to)) return data;
        var strides = Strides(from);
        var offset = to.Length - from.Length;
        var result = new double[count];
        var index = new long[to.Length];
        for (var o = 0; o < count; o++)
        {
            long at = 0;
            for (var a = 0; a < from.Length; a++) at += (from[a] == 1 ? 0 : index[a + offset]) * strides[a];
            result[o] = data[at];
            for (var a = to.Length - 1; a >= 0 && ++index[a] == to[a]; a--) index[a] = 0;
        }

        return result;
    }
}
