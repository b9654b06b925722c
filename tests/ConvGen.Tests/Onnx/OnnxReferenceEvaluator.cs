using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Onnx;

namespace ConvGen.Tests.Onnx;

/// <summary>
/// A model evaluated in double precision with plain loops, straight from the operators' ONNX definitions: SPEC's
/// accuracy reference for imported networks ("the model evaluated in double precision"). Shapes, and the elements of
/// the reshaping and shape-arithmetic operators, come from the import's <see cref="OnnxShapes"/>; every arithmetic
/// operator is computed here. Checked itself against the ONNX conformance data's expected outputs.
/// </summary>
internal static class OnnxReferenceEvaluator
{
    public static Dictionary<string, OnnxValue> Run(OnnxGraph graph, IReadOnlyDictionary<string, OnnxValue> inputs)
    {
        var values = new Dictionary<string, OnnxValue>();
        foreach (var t in graph.Initializers) values[t.Name] = Full(t);
        foreach (var i in inputs) values[i.Key] = i.Value;
        foreach (var node in graph.Nodes)
        {
            var shapes = OnnxShapes.InferNode(node, values, graph.OpsetVersion);
            var outputs = Evaluate(node, values, shapes, graph.OpsetVersion);
            for (var o = 0; o < node.Outputs.Count && o < outputs.Length; o++)
                if (node.Outputs[o].Length > 0 && outputs[o] is { } v)
                    values[node.Outputs[o]] = v;
        }

        return values;
    }

    /// <summary>A tensor as a value with all its elements (FromTensor keeps only small ones).</summary>
    public static OnnxValue Full(OnnxTensor t) => OnnxShapes.FromTensor(t) with
    {
        Data = t.Floats.Count > 0 ? t.Floats.Select(f => (double)f).ToArray() : t.Doubles.Count > 0 ? t.Doubles.ToArray() : t.Integers.Select(i => (double)i).ToArray(),
    };

    private static OnnxValue?[] Evaluate(OnnxNode node, Dictionary<string, OnnxValue> values, OnnxValue?[] shapes, long opset)
    {
        OnnxValue In(int i) => values[node.Inputs[i]];
        bool Has(int i) => i < node.Inputs.Count && node.Inputs[i].Length > 0;
        OnnxAttribute? Attr(string name) => node.Attributes.FirstOrDefault(a => a.Name == name);
        double F(string name, double otherwise) => Attr(name) is { } a ? a.Float : otherwise;
        long I(string name, long otherwise) => Attr(name) is { } a ? a.Int : otherwise;
        long[]? Is(string name) => Attr(name) is { } a ? a.Ints.ToArray() : null;
        var shape = shapes[0]!.Shape;
        OnnxValue Out(double[] data) => new(shape, data, false);
        OnnxValue Map(Func<double, double> f) => Out(In(0).Data!.Select(f).ToArray());

        switch (node.OpType)
        {
            case "Conv": return [Out(Conv(In(0), In(1), Has(2) ? In(2) : null, shape, Is, I("group", 1), Attr("auto_pad")?.String ?? "NOTSET"))];
            case "ConvTranspose": return [Out(ConvTranspose(In(0), In(1), Has(2) ? In(2) : null, shape, Is, I("group", 1), Attr("auto_pad")?.String ?? "NOTSET"))];
            case "MaxPool" or "AveragePool":
                return [Out(Pool(In(0), shape, Is, node.OpType == "MaxPool", I("count_include_pad", 0) != 0, Attr("auto_pad")?.String ?? "NOTSET"))];
            case "GlobalAveragePool" or "GlobalMaxPool":
            {
                var x = In(0);
                var plane = (int)x.Shape.Skip(2).Aggregate(1L, (a, b) => a * b);
                return [Out(Enumerable.Range(0, x.Data!.Length / plane).Select(c =>
                {
                    var window = new ArraySegment<double>(x.Data, c * plane, plane);
                    return node.OpType == "GlobalMaxPool" ? window.Max() : window.Sum() / plane;
                }).ToArray())];
            }

            case "BatchNormalization":
            {
                var (x, scale, bias, mean, variance) = (In(0), In(1).Data!, In(2).Data!, In(3).Data!, In(4).Data!);
                var eps = F("epsilon", 1e-5);
                var (channels, plane) = (x.Shape.Length > 1 ? x.Shape[1] : 1, x.Shape.Skip(2).Aggregate(1L, (a, b) => a * b));
                return [Out(x.Data!.Select((v, i) =>
                {
                    var c = (int)(i / plane % channels);
                    return (v - mean[c]) / Math.Sqrt(variance[c] + eps) * scale[c] + bias[c];
                }).ToArray())];
            }

            case "Relu": return [Map(v => v > 0 ? v : 0)];
            case "LeakyRelu": { var alpha = F("alpha", 0.01); return [Map(v => v >= 0 ? v : alpha * v)]; }
            case "Sigmoid": return [Map(v => 1 / (1 + Math.Exp(-v)))];
            case "Tanh": return [Map(Math.Tanh)];
            case "HardSigmoid": { var (alpha, beta) = (F("alpha", 0.2), F("beta", 0.5)); return [Map(v => Math.Max(0, Math.Min(1, alpha * v + beta)))]; }
            case "HardSwish": return [Map(v => v * Math.Max(0, Math.Min(1, v / 6 + 0.5)))];
            case "Clip":
            {
                var (min, max) = opset < 11
                    ? (F("min", double.NegativeInfinity), F("max", double.PositiveInfinity))
                    : (Has(1) ? In(1).Data![0] : double.NegativeInfinity, Has(2) ? In(2).Data![0] : double.PositiveInfinity);
                return [Map(v => Math.Min(Math.Max(v, min), max))];
            }

            case "Add" or "Sub" or "Mul" or "Div" when opset < 7 && I("broadcast", 0) != 0:
                return [Out(Legacy(node.OpType, In(0), In(1), I("axis", long.MinValue)))];
            case "Dropout" when Has(2) && In(2).Data is { Length: > 0 } training && training[0] != 0:
                throw new NotSupportedException("Dropout in training mode (random) has no reference");
            case "Gemm": return [Out(Gemm(In(0), In(1), Has(2) ? In(2) : null, shape, F("alpha", 1), F("beta", 1), I("transA", 0) != 0, I("transB", 0) != 0))];
            case "MatMul": return [Out(MatMul(In(0), In(1), shape))];
            case "Softmax": return [Out(Softmax(In(0), opset, I("axis", opset < 13 ? 1 : -1)))];
            case "Pad": return [Out(Pad(In(0), shape, opset, Is, Attr("mode")?.String ?? "constant", opset < 11 ? F("value", 0) : Has(2) ? In(2).Data![0] : 0, Has(1) ? In(1).Data : null, Has(3) ? In(3).Data : null))];
            default:
                // Reshaping and shape arithmetic: OnnxShapes evaluated the elements (every input here is known).
                if (shapes[0] is { Data: null } first && first.Count > 0)
                    throw new InvalidOperationException($"{node.OpType}: OnnxShapes did not evaluate the elements");
                return shapes;
        }
    }

    private static long[] Strides(long[] shape)
    {
        var strides = new long[shape.Length];
        long s = 1;
        for (var i = shape.Length - 1; i >= 0; i--) { strides[i] = s; s *= shape[i]; }
        return strides;
    }

    /// <summary>Begin and end padding per spatial axis, from pads or auto_pad (SAME_UPPER: the odd one at the end).</summary>
    private static (long[] Begin, long[] End) Pads(long[] input, long[] output, long[] kernel, long[] strides, long[] dilations, long[]? pads, string autoPad, bool transposed, long[] outputPadding)
    {
        var rank = kernel.Length;
        var (begin, end) = (new long[rank], new long[rank]);
        for (var i = 0; i < rank; i++)
        {
            var k = (kernel[i] - 1) * dilations[i] + 1;
            if (autoPad is "SAME_UPPER" or "SAME_LOWER" || transposed && autoPad == "NOTSET" && pads is null && output[i] != strides[i] * (input[i] - 1) + outputPadding[i] + k)
            {
                var total = transposed ? strides[i] * (input[i] - 1) + outputPadding[i] + k - output[i] : Math.Max(0, (output[i] - 1) * strides[i] + k - input[i]);
                var small = (long)Math.Floor(total / 2.0); // floor, as ONNX's reference (a negative total pads the end)
                (begin[i], end[i]) = autoPad == "SAME_LOWER" || transposed && autoPad == "NOTSET" ? (total - small, small) : (small, total - small);
            }
            else if (autoPad != "VALID" && pads is not null) (begin[i], end[i]) = (pads[i], pads[i + rank]);
        }

        return (begin, end);
    }

    private static double[] Conv(OnnxValue x, OnnxValue w, OnnxValue? b, long[] y, Func<string, long[]?> ints, long group, string autoPad)
    {
        var rank = x.Shape.Length - 2;
        var kernel = w.Shape.Skip(2).ToArray();
        var (strides, dilations) = (ints("strides") ?? Enumerable.Repeat(1L, rank).ToArray(), ints("dilations") ?? Enumerable.Repeat(1L, rank).ToArray());
        var (begin, _) = Pads(x.Shape.Skip(2).ToArray(), y.Skip(2).ToArray(), kernel, strides, dilations, ints("pads"), autoPad, false, new long[rank]);
        var (cg, mg) = (x.Shape[1] / group, y[1] / group);
        var (xs, ws, ys) = (Strides(x.Shape), Strides(w.Shape), Strides(y));
        var output = new double[y.Aggregate(1L, (p, q) => p * q)];
        var kernelCount = kernel.Aggregate(1L, (p, q) => p * q);
        var position = new long[rank];
        for (long o = 0; o < output.Length; o++)
        {
            var (n, m) = (o / ys[0], o / ys[1] % y[1]);
            for (var a = 0; a < rank; a++) position[a] = o / ys[a + 2] % y[a + 2];
            var sum = b?.Data![m] ?? 0;
            var g = m / mg;
            for (long c = 0; c < cg; c++)
                for (long t = 0; t < kernelCount; t++)
                {
                    long xi = n * xs[0] + (g * cg + c) * xs[1], wi = m * ws[0] + c * ws[1];
                    var inside = true;
                    for (var a = 0; a < rank && inside; a++)
                    {
                        var k = t / ws[a + 2] % kernel[a];
                        var at = position[a] * strides[a] + k * dilations[a] - begin[a];
                        inside = at >= 0 && at < x.Shape[a + 2];
                        xi += at * xs[a + 2];
                        wi += k * ws[a + 2];
                    }

                    if (inside) sum += x.Data![xi] * w.Data![wi];
                }

            output[o] = sum;
        }

        return output;
    }

    private static double[] ConvTranspose(OnnxValue x, OnnxValue w, OnnxValue? b, long[] y, Func<string, long[]?> ints, long group, string autoPad)
    {
        var rank = x.Shape.Length - 2;
        var kernel = w.Shape.Skip(2).ToArray();
        var (strides, dilations) = (ints("strides") ?? Enumerable.Repeat(1L, rank).ToArray(), ints("dilations") ?? Enumerable.Repeat(1L, rank).ToArray());
        var outputPadding = ints("output_padding") ?? new long[rank];
        var explicitPads = ints("output_shape") is { Length: > 0 } ? null : ints("pads") ?? new long[2 * rank];
        var (begin, _) = Pads(x.Shape.Skip(2).ToArray(), y.Skip(2).ToArray(), kernel, strides, dilations, explicitPads, autoPad, true, outputPadding);
        var (cg, mg) = (x.Shape[1] / group, y[1] / group);
        var (xs, ws, ys) = (Strides(x.Shape), Strides(w.Shape), Strides(y));
        var output = new double[y.Aggregate(1L, (p, q) => p * q)];
        if (b is not null)
            for (long o = 0; o < output.Length; o++) output[o] = b.Data![o / ys[1] % y[1]];
        var kernelCount = kernel.Aggregate(1L, (p, q) => p * q);
        for (long i = 0; i < x.Data!.Length; i++)
        {
            var (n, c) = (i / xs[0], i / xs[1] % x.Shape[1]);
            var g = c / cg;
            for (long m = 0; m < mg; m++)
                for (long t = 0; t < kernelCount; t++)
                {
                    long yi = n * ys[0] + (g * mg + m) * ys[1], wi = c * ws[0] + m * ws[1];
                    var inside = true;
                    for (var a = 0; a < rank && inside; a++)
                    {
                        var k = t / ws[a + 2] % kernel[a];
                        var at = i / xs[a + 2] % x.Shape[a + 2] * strides[a] + k * dilations[a] - begin[a];
                        inside = at >= 0 && at < y[a + 2];
                        yi += at * ys[a + 2];
                        wi += k * ws[a + 2];
                    }

                    if (inside) output[yi] += x.Data[i] * w.Data![wi];
                }
        }

        return output;
    }

    private static double[] Pool(OnnxValue x, long[] y, Func<string, long[]?> ints, bool max, bool countPad, string autoPad)
    {
        var rank = x.Shape.Length - 2;
        var kernel = ints("kernel_shape")!;
        var (strides, dilations) = (ints("strides") ?? Enumerable.Repeat(1L, rank).ToArray(), ints("dilations") ?? Enumerable.Repeat(1L, rank).ToArray());
        var (begin, end) = Pads(x.Shape.Skip(2).ToArray(), y.Skip(2).ToArray(), kernel, strides, dilations, ints("pads"), autoPad, false, new long[rank]);
        var (xs, ys) = (Strides(x.Shape), Strides(y));
        var kernelStrides = Strides(kernel);
        var kernelCount = kernel.Aggregate(1L, (p, q) => p * q);
        var output = new double[y.Aggregate(1L, (p, q) => p * q)];
        for (long o = 0; o < output.Length; o++)
        {
            var (n, c) = (o / ys[0], o / ys[1] % y[1]);
            var (best, sum, count, padded) = (double.NegativeInfinity, 0.0, 0L, 0L);
            for (long t = 0; t < kernelCount; t++)
            {
                long xi = n * xs[0] + c * xs[1];
                var (inside, inPadded) = (true, true);
                for (var a = 0; a < rank; a++)
                {
                    var at = o / ys[a + 2] % y[a + 2] * strides[a] + t / kernelStrides[a] % kernel[a] * dilations[a] - begin[a];
                    inside &= at >= 0 && at < x.Shape[a + 2];
                    inPadded &= at >= -begin[a] && at < x.Shape[a + 2] + end[a];
                    xi += at * xs[a + 2];
                }

                if (inPadded) padded++;
                if (!inside) continue;
                var v = x.Data![xi];
                best = double.IsNaN(v) || v > best ? v : best;
                sum += v;
                count++;
            }

            output[o] = max ? best : sum / (countPad ? padded : count);
        }

        return output;
    }

    /// <summary>Opsets before 7: B broadcast onto A, aligned at <paramref name="axis"/> (by default at A's end).</summary>
    private static double[] Legacy(string op, OnnxValue a, OnnxValue b, long axis)
    {
        var start = axis == long.MinValue ? a.Shape.Length - b.Shape.Length : axis < 0 ? axis + a.Shape.Length : axis;
        var aStrides = Strides(a.Shape);
        var bStrides = Strides(b.Shape);
        return a.Data!.Select((v, i) =>
        {
            long bi = 0;
            for (var d = 0; d < b.Shape.Length; d++)
                bi += b.Shape[d] == 1 ? 0 : i / aStrides[start + d] % a.Shape[start + d] * bStrides[d];
            var w = b.Data![bi];
            return op switch { "Add" => v + w, "Sub" => v - w, "Mul" => v * w, _ => v / w };
        }).ToArray();
    }

    private static double[] Gemm(OnnxValue a, OnnxValue b, OnnxValue? c, long[] y, double alpha, double beta, bool transA, bool transB)
    {
        var (m, n) = (y[0], y[1]);
        var k = transA ? a.Shape[0] : a.Shape[1];
        var output = new double[m * n];
        for (long i = 0; i < m; i++)
            for (long j = 0; j < n; j++)
            {
                double sum = 0;
                for (long p = 0; p < k; p++)
                    sum += a.Data![transA ? p * m + i : i * k + p] * b.Data![transB ? j * k + p : p * n + j];
                var bias = c is null ? 0 : c.Data![c.Shape.Length switch
                {
                    0 => 0,
                    1 => c.Shape[0] == 1 ? 0 : j,
                    _ => (c.Shape[0] == 1 ? 0 : i) * c.Shape[1] + (c.Shape[1] == 1 ? 0 : j),
                }];
                output[i * n + j] = alpha * sum + beta * bias;
            }

        return output;
    }

    private static double[] MatMul(OnnxValue a, OnnxValue b, long[] y)
    {
        var (sa, sb) = (a.Shape.Length == 1 ? new[] { 1L, a.Shape[0] } : a.Shape, b.Shape.Length == 1 ? new[] { b.Shape[0], 1L } : b.Shape);
        var (m, k, n) = (sa[sa.Length - 2], sa[sa.Length - 1], sb[sb.Length - 1]);
        var batch = OnnxShapes.Broadcast(sa.Take(sa.Length - 2).ToArray(), sb.Take(sb.Length - 2).ToArray());
        var batches = batch.Aggregate(1L, (p, q) => p * q);
        var output = new double[batches * m * n];
        long Offset(long[] shape, long index)
        {
            long at = 0, stride = 1;
            for (var d = shape.Length - 3; d >= 0; d--)
            {
                var size = batch[batch.Length - (shape.Length - 2) + d];
                var coordinate = index / batch.Skip(batch.Length - (shape.Length - 2) + d + 1).Aggregate(1L, (p, q) => p * q) % size;
                at += (shape[d] == 1 ? 0 : coordinate) * stride;
                stride *= shape[d];
            }

            return at * shape[shape.Length - 2] * shape[shape.Length - 1];
        }

        for (long t = 0; t < batches; t++)
        {
            var (oa, ob) = (Offset(sa, t), Offset(sb, t));
            for (long i = 0; i < m; i++)
                for (long j = 0; j < n; j++)
                {
                    double sum = 0;
                    for (long p = 0; p < k; p++) sum += a.Data![oa + i * k + p] * b.Data![ob + p * n + j];
                    output[(t * m + i) * n + j] = sum;
                }
        }

        return output;
    }

    private static double[] Softmax(OnnxValue x, long opset, long axis)
    {
        var rank = x.Shape.Length;
        axis = axis < 0 ? axis + rank : axis;
        var data = x.Data!;
        var output = new double[data.Length];
        // Before opset 13: the input flattened to 2-D at axis, softmax over each row; from 13: along axis alone.
        var (inner, size) = opset < 13 ? (1L, x.Shape.Skip((int)axis).Aggregate(1L, (p, q) => p * q)) : (x.Shape.Skip((int)axis + 1).Aggregate(1L, (p, q) => p * q), x.Shape[axis]);
        for (long start = 0; start < data.Length; start++)
        {
            if (start / inner % size != 0) continue;
            var max = double.NegativeInfinity;
            for (long i = 0; i < size; i++) max = Math.Max(max, data[start + i * inner]);
            double sum = 0;
            for (long i = 0; i < size; i++) sum += Math.Exp(data[start + i * inner] - max);
            for (long i = 0; i < size; i++) output[start + i * inner] = Math.Exp(data[start + i * inner] - max) / sum;
        }

        return output;
    }

    private static double[] Pad(OnnxValue x, long[] y, long opset, Func<string, long[]?> ints, string mode, double value, double[]? padsInput, double[]? axesInput)
    {
        var rank = x.Shape.Length;
        var pads = opset < 11 ? ints("pads")! : padsInput!.Select(p => (long)p).ToArray();
        var axes = axesInput?.Select(a => (long)a < 0 ? (long)a + rank : (long)a).ToArray() ?? Enumerable.Range(0, rank).Select(i => (long)i).ToArray();
        var begin = new long[rank];
        for (var i = 0; i < axes.Length; i++) begin[axes[i]] = pads[i];
        var (xs, ys) = (Strides(x.Shape), Strides(y));
        var output = new double[y.Aggregate(1L, (p, q) => p * q)];
        for (long o = 0; o < output.Length; o++)
        {
            long xi = 0;
            var inside = true;
            for (var a = 0; a < rank; a++)
            {
                var (at, size) = (o / ys[a] % y[a] - begin[a], x.Shape[a]);
                if (at < 0 || at >= size)
                {
                    if (mode == "constant") inside = false;
                    else if (mode == "edge") at = at < 0 ? 0 : size - 1;
                    else
                    {
                        var period = 2 * (size - 1);
                        at = period == 0 ? 0 : Math.Abs(at) % period;
                        if (at >= size) at = period - at;
                    }
                }

                xi += at * xs[a];
            }

            output[o] = inside ? x.Data![xi] : value;
        }

        return output;
    }
}
