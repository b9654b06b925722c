using System;
using System.Linq;
using ConvGen.Model;

namespace ConvGen.Onnx;

internal static partial class OnnxLowering
{
    private static string F(double v) => Emitting.Literals.Real(v, ElementType.Float);

    private const string Max = "global::System.Math.Max", Min = "global::System.Math.Min", MathF = "global::System.MathF";

    private sealed partial class Builder
    {
        /// <summary>The layer activation an activation node is (ONNX's definition and parameters), or null. HardSigmoid
        /// fuses only with PyTorch's parameters (α = 1/6, β = 1/2): ONNX's defaults are 0.2 and 0.5.</summary>
        private Activation? ActivationOf(int node)
        {
            var n = _graph.Nodes[node];
            switch (n.OpType)
            {
                case "Relu": return new Activation(ActivationKind.Relu);
                case "Sigmoid": return new Activation(ActivationKind.Sigmoid);
                case "Tanh": return new Activation(ActivationKind.Tanh);
                case "HardSwish": return new Activation(ActivationKind.HardSwish);
                case "LeakyRelu": return new Activation(ActivationKind.LeakyRelu, (float)Float(node, "alpha", 0.01f));
                case "HardSigmoid" when Math.Abs(Float(node, "alpha", 0.2f) - 1.0 / 6) < 1e-7 && Float(node, "beta", 0.5f) == 0.5f:
                    return new Activation(ActivationKind.HardSigmoid);
                case "Clip":
                {
                    var (lo, hi) = ClipBounds(node);
                    if (lo is null && hi is null) return null;
                    return lo == 0 && hi == 6 ? new Activation(ActivationKind.Relu6)
                        : lo == 0 && hi is null ? new Activation(ActivationKind.Relu)
                        : new Activation(ActivationKind.Clip, 0, lo, hi);
                }

                default: return null;
            }
        }

        /// <summary>Clip's bounds: attributes before opset 11, optional constant inputs from it.</summary>
        private (double? Min, double? Max) ClipBounds(int node)
        {
            var n = _graph.Nodes[node];
            if (_graph.OpsetVersion < 11)
                return (Attr(node, "min") is { } a ? a.Float : null, Attr(node, "max") is { } b ? b.Float : null);
            double? Bound(int i)
            {
                if (i >= n.Inputs.Count || n.Inputs[i].Length == 0) return null;
                var saved = _node;
                _node = node;
                var v = Required(i, i == 1 ? "min" : "max");
                _node = saved;
                return v.Length == 1 ? v[0] : throw new LoweringException(new OnnxProblem(Name(node), "Clip", "its bounds are not scalars"));
            }

            return (Bound(1), Bound(2));
        }

        /// <summary>An activation node that follows nothing it fuses into: one element-wise loop.</summary>
        private void Map()
        {
            var node = _graph.Nodes[_node];
            string expression;
            switch (node.OpType)
            {
                case "Relu": expression = $"{Max}(v, 0f)"; break;
                case "LeakyRelu": expression = $"v >= 0f ? v : {F(Float(_node, "alpha", 0.01f))} * v"; break;
                case "Sigmoid": expression = $"1f / (1f + {MathF}.Exp(-v))"; break;
                case "Tanh": expression = $"{MathF}.Tanh(v)"; break;
                case "HardSigmoid": expression = $"{Max}(0f, {Min}(1f, {F(Float(_node, "alpha", 0.2f))} * v + {F(Float(_node, "beta", 0.5f))}))"; break;
                case "HardSwish": expression = $"v * {Max}(0f, {Min}(1f, v * {F(1.0 / 6)} + 0.5f))"; break;
                default:
                {
                    var (lo, hi) = ClipBounds(_node);
                    expression = lo is null && hi is null ? "v" : lo is null ? $"{Min}(v, {F(hi!.Value)})" : hi is null ? $"{Max}(v, {F(lo.Value)})" : $"{Min}({Max}(v, {F(lo.Value)}), {F(hi.Value)})";
                    break;
                }
            }

            var shape = ShapeOf(node.Outputs[0]);
            var input = Read(node.Inputs[0]);
            var output = NewSlot(node.Outputs[0], Length(shape));
            _steps.Add(new MapStep(Name(_node), $"{node.OpType}: {Dims(shape.Skip(1))}, element-wise", 0, expression, input, output, Length(shape)));
        }

        /// <summary>A BatchNormalization that follows no convolution or dense layer: a per-channel scale and shift.</summary>
        private void BatchNorm()
        {
            var node = _graph.Nodes[_node];
            var shape = ShapeOf(node.Inputs[0]);
            var channels = shape.Length > 1 ? (int)shape[1] : 1;
            var (scale, shift) = BatchNormOf(_node, channels);
            var s = AddParameters(scale.Select(v => (float)v));
            var t = AddParameters(shift.Select(v => (float)v));
            var input = Read(node.Inputs[0]);
            var output = NewSlot(node.Outputs[0], Length(shape));
            _steps.Add(new AffineStep(Name(_node), $"BatchNormalization: {Dims(shape.Skip(1))}, a scale and shift per channel", Length(shape), input, output,
                channels, Length(shape) / channels, s, t));
        }

        private void Binary()
        {
            var node = _graph.Nodes[_node];
            var (a, b) = (node.Inputs[0], node.Inputs[1]);
            var shape = ShapeOf(node.Outputs[0]);
            var legacy = _graph.OpsetVersion < 7 && Int(_node, "broadcast", 0) != 0;
            var operands = new[] { a, b }.Select((name, i) =>
            {
                var s = ShapeOf(name);
                // Before opset 7, B broadcasts onto A starting at `axis` (default: aligned to the end).
                var start = legacy && i == 1 && Attr(_node, "axis") is { } axis ? (int)(axis.Int < 0 ? axis.Int + shape.Length : axis.Int) : shape.Length - s.Length;
                var strides = new int[shape.Length];
                var stride = 1;
                for (var d = s.Length - 1; d >= 0; d--)
                {
                    if (s[d] != 1) strides[start + d] = stride;
                    stride *= (int)s[d];
                }

                return IsData(name)
                    ? new Operand(Read(name), -1, new EquatableArray<int>(strides))
                    : new Operand(-1, AddParameters(ConstantOf(name) ?? throw Fail($"'{name}' is neither computed from the input nor known when the model is built")), new EquatableArray<int>(strides));
            }).ToArray();
            var output = NewSlot(node.Outputs[0], Length(shape));
            var op = node.OpType switch { "Add" => '+', "Sub" => '-', "Mul" => '*', _ => '/' };
            _steps.Add(new BinaryStep(Name(_node), $"{node.OpType}: {Dims(ShapeOf(a).Skip(1))} {op} {Dims(ShapeOf(b).Skip(1))} → {Dims(shape.Skip(1))}",
                0, op, operands[0], operands[1], output, new EquatableArray<int>(shape.Select(d => (int)d).ToArray())));
        }

        private int DataAxis(long axis, int rank)
        {
            var a = (int)(axis < 0 ? axis + rank : axis);
            if (a == 0) throw Fail("it works across the batch axis (axis 0); ConvGen runs samples one by one");
            return a;
        }

        private void Softmax()
        {
            var node = _graph.Nodes[_node];
            var shape = ShapeOf(node.Inputs[0]);
            var axis = DataAxis(Int(_node, "axis", _graph.OpsetVersion < 13 ? 1 : -1), shape.Length);
            var outer = (int)shape.Take(axis).Aggregate(1L, (p, q) => p * q);
            // Before opset 13 the input is flattened to 2-D at `axis`: the softmax runs over everything from there.
            var (size, inner) = _graph.OpsetVersion < 13
                ? ((int)shape.Skip(axis).Aggregate(1L, (p, q) => p * q), 1)
                : ((int)shape[axis], (int)shape.Skip(axis + 1).Aggregate(1L, (p, q) => p * q));
            var input = Read(node.Inputs[0]);
            var output = NewSlot(node.Outputs[0], Length(shape));
            _steps.Add(new SoftmaxStep(Name(_node), $"Softmax: {Dims(shape.Skip(1))}, over {size} elements {outer * inner} times", 0, input, output, outer, size, inner));
        }

        private void Concat()
        {
            var node = _graph.Nodes[_node];
            var shape = ShapeOf(node.Outputs[0]);
            var axis = DataAxis(Int(_node, "axis", _graph.OpsetVersion < 4 ? 1 : 0), shape.Length);
            var parts = node.Inputs.Where(i => i.Length > 0).ToArray();
            foreach (var p in parts.Where(p => !IsData(p)))
                throw Fail($"'{p}' is a constant; ConvGen concatenates tensors computed from the input");
            var chunks = parts.Select(p => (int)ShapeOf(p).Skip(axis).Aggregate(1L, (a, b) => a * b)).ToArray();
            var inputs = parts.Select(Read).ToArray();
            var output = NewSlot(node.Outputs[0], Length(shape));
            _steps.Add(new ConcatStep(Name(_node), $"Concat on axis {axis}: {string.Join(" + ", parts.Select(p => Dims(ShapeOf(p).Skip(1))))} → {Dims(shape.Skip(1))}", 0,
                new EquatableArray<int>(inputs), new EquatableArray<int>(chunks), (int)shape.Take(axis).Aggregate(1L, (a, b) => a * b), output));
        }

        private void Transpose()
        {
            var node = _graph.Nodes[_node];
            var shape = ShapeOf(node.Inputs[0]);
            var perm = Ints(_node, "perm") ?? Enumerable.Range(0, shape.Length).Reverse().Select(i => (long)i).ToArray();
            if (perm[0] != 0 && shape[perm[0]] != 1)
                throw Fail("it moves the batch axis; ConvGen runs samples one by one");
            // Axes of size 1 may move freely: where the others keep their order, the elements do too.
            var kept = perm.Where(p => shape[p] != 1).ToArray();
            if (kept.Zip(kept.Skip(1), (p, q) => p < q).All(x => x))
            {
                Alias();
                return;
            }

            var input = Read(node.Inputs[0]);
            var output = NewSlot(node.Outputs[0], Length(shape));
            _steps.Add(new TransposeStep(Name(_node), $"Transpose by [{string.Join(", ", perm)}]: {Dims(shape.Skip(1))} → {Dims(ShapeOf(node.Outputs[0]).Skip(1))}", 0,
                input, output, new EquatableArray<int>(shape.Select(d => (int)d).ToArray()), new EquatableArray<int>(perm.Select(p => (int)p).ToArray())));
        }

        private void Pad()
        {
            var node = _graph.Nodes[_node];
            var shape = ShapeOf(node.Inputs[0]);
            var rank = shape.Length;
            var modeName = Str(_node, "mode", "constant");
            long[] pads;
            float value;
            if (_graph.OpsetVersion < 11)
                (pads, value) = (Ints(_node, "pads") ?? throw Fail("pads are missing"), Float(_node, "value", 0f));
            else
            {
                pads = Required(1, "the pads").Select(p => (long)p).ToArray();
                value = node.Inputs.Count > 2 && node.Inputs[2].Length > 0 ? Required(2, "the value")[0] : 0f;
                if (node.Inputs.Count > 3 && node.Inputs[3].Length > 0)
                {
                    var axes = Required(3, "the axes").Select(a => (int)(a < 0 ? a + rank : a)).ToArray();
                    var full = new long[2 * rank];
                    for (var i = 0; i < axes.Length; i++) (full[axes[i]], full[axes[i] + rank]) = (pads[i], pads[i + axes.Length]);
                    pads = full;
                }
            }

            if (pads.Any(p => p < 0)) throw Fail("negative padding (cropping) is not supported");
            if (pads[0] != 0 || pads[rank] != 0) throw Fail("it pads the batch axis; ConvGen runs samples one by one");
            var mode = modeName switch { "reflect" => PaddingMode.Reflect, "edge" => PaddingMode.Replicate, _ => PaddingMode.Zeros };
            if (mode == PaddingMode.Reflect && Enumerable.Range(0, rank).Any(i => pads[i] >= shape[i] || pads[i + rank] >= shape[i]))
                throw Fail("reflect padding as wide as the axis is not defined");

            // Into the convolution that is its only reader: spatial padding only, with zeros or the convolution unpadded.
            var reader = SoleConsumer(node.Outputs[0]);
            if (reader >= 0 && _graph.Nodes[reader].OpType == "Conv" && _graph.Nodes[reader].Inputs[0] == node.Outputs[0] && rank >= 3 &&
                pads[1] == 0 && pads[1 + rank] == 0 && (mode != PaddingMode.Zeros || value == 0) &&
                (mode == PaddingMode.Zeros || (Ints(reader, "pads") ?? new long[0]).All(p => p == 0) && Str(reader, "auto_pad", "NOTSET") is "NOTSET" or "VALID"))
            {
                _padFusions[reader] = new PadFusion(pads.Skip(2).Take(rank - 2).ToArray(), pads.Skip(rank + 2).ToArray(), mode, shape, Name(_node));
                Alias();
                return;
            }

            var input = Read(node.Inputs[0]);
            var outShape = ShapeOf(node.Outputs[0]);
            var output = NewSlot(node.Outputs[0], Length(outShape));
            _steps.Add(new PadStep(Name(_node), $"Pad ({modeName}): {Dims(shape.Skip(1))} → {Dims(outShape.Skip(1))}", 0, input, output,
                new EquatableArray<int>(shape.Select(d => (int)d).ToArray()), new EquatableArray<int>(pads.Select(p => (int)p).ToArray()), mode, value));
        }
    }
}
