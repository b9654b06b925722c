using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;

namespace ConvGen.Onnx;

internal static partial class OnnxLowering
{
    /// <summary>A Pad folded into the convolution that reads it: the padding per spatial axis and its mode.</summary>
    private sealed record PadFusion(long[] Begin, long[] End, PaddingMode Mode, long[] InputShape, string Node);

    private sealed partial class Builder
    {
        private void LowerNode(OnnxNode node)
        {
            // Nodes on values known at build time (weights, constants, shape arithmetic) were evaluated by OnnxShapes.
            if (node.OpType == "Shape" || !node.Inputs.Any(i => i.Length > 0 && IsData(i)))
            {
                foreach (var o in node.Outputs.Where(o => o.Length > 0 && !_values.ContainsKey(o)))
                    throw Fail($"its output '{o}' is not known when the model is built");
                return;
            }

            switch (node.OpType)
            {
                case "Identity" or "Dropout" or "Flatten" or "Reshape" or "Squeeze" or "Unsqueeze":
                    Alias();
                    return;
                case "Conv" or "ConvTranspose":
                    Convolution(node.OpType == "ConvTranspose");
                    return;
                case "Gemm" or "MatMul":
                    Dense();
                    return;
                case "MaxPool" or "AveragePool" or "GlobalAveragePool" or "GlobalMaxPool":
                    Pool();
                    return;
                case "ReduceMean" or "ReduceMax":
                    Reduce();
                    return;
                case "BatchNormalization":
                    BatchNorm();
                    return;
                case "Relu" or "Clip" or "LeakyRelu" or "Sigmoid" or "Tanh" or "HardSigmoid" or "HardSwish":
                    Map();
                    return;
                case "Add" or "Sub" or "Mul" or "Div":
                    Binary();
                    return;
                case "Softmax":
                    Softmax();
                    return;
                case "Concat":
                    Concat();
                    return;
                case "Transpose":
                    Transpose();
                    return;
                case "Pad":
                    Pad();
                    return;
                default:
                    throw Fail($"{node.OpType} on run-time data is not supported (ConvGen evaluates it only on values known when the model is built)");
            }
        }

        private static LayerKind ConvKind(int rank, bool transposed) => (rank, transposed) switch
        {
            (1, false) => LayerKind.Conv1D,
            (2, false) => LayerKind.Conv2D,
            (3, false) => LayerKind.Conv3D,
            (1, true) => LayerKind.ConvTranspose1D,
            (2, true) => LayerKind.ConvTranspose2D,
            _ => LayerKind.ConvTranspose3D,
        };

        private static LayerKind PoolKind(bool max, int rank) => (max, rank) switch
        {
            (true, 1) => LayerKind.MaxPool1D,
            (true, 2) => LayerKind.MaxPool2D,
            (true, _) => LayerKind.MaxPool3D,
            (false, 1) => LayerKind.AvgPool1D,
            (false, 2) => LayerKind.AvgPool2D,
            _ => LayerKind.AvgPool3D,
        };

        private void Convolution(bool transposed)
        {
            var node = _graph.Nodes[_node];
            var fusion = _padFusions.TryGetValue(_node, out var f) ? f : null;
            var x = fusion?.InputShape ?? ShapeOf(node.Inputs[0]);
            var rank = x.Length - 2;
            if (rank is < 1 or > 3) throw Fail($"a convolution with {rank} spatial axes is not supported (1, 2 or 3 are)");
            var weights = Required(1, "the weights");
            var wShape = ShapeOf(node.Inputs[1]);
            var bias = node.Inputs.Count > 2 && node.Inputs[2].Length > 0 ? Required(2, "the bias") : null;
            var group = (int)Int(_node, "group", 1);
            var kernel = Ints(_node, "kernel_shape") ?? wShape.Skip(2).ToArray();
            var strides = Ints(_node, "strides") ?? Ones(rank);
            var dilations = Ints(_node, "dilations") ?? Ones(rank);
            var pads = Ints(_node, "pads") ?? new long[2 * rank];
            var autoPad = Str(_node, "auto_pad", "NOTSET");
            var outputPadding = Ints(_node, "output_padding") ?? new long[rank];
            var outputShape = Ints(_node, "output_shape");
            var c = (int)x[1];
            var d = (int)(transposed ? wShape[1] * group : wShape[0]);
            if (group < 1 || c % group != 0 || d % group != 0) throw Fail($"group {group} does not divide {c} input and {d} output channels");
            if (!kernel.SequenceEqual(wShape.Skip(2))) throw Fail($"kernel_shape {Dims(kernel)} differs from the weights' {Dims(wShape)}");
            var y = ShapeOf(node.Outputs[0]);
            var axes = new Axis[rank];
            for (var i = 0; i < rank; i++)
            {
                var dk = (kernel[i] - 1) * dilations[i] + 1;
                long begin = pads[i], end = pads[i + rank];
                if (autoPad is "SAME_UPPER" or "SAME_LOWER" || transposed && outputShape is { Length: > 0 })
                {
                    var total = transposed
                        ? strides[i] * (x[i + 2] - 1) + outputPadding[i] + dk - y[i + 2]
                        : Math.Max(0, (y[i + 2] - 1) * strides[i] + dk - x[i + 2]);
                    if (total < 0) throw Fail($"output_shape needs negative padding on spatial axis {i}");
                    // SAME_UPPER puts the odd element at the end; SAME_LOWER (and an output_shape without auto_pad) at the start.
                    (begin, end) = autoPad == "SAME_UPPER" ? (total / 2, total - total / 2) : (total - total / 2, total / 2);
                }
                else if (autoPad == "VALID") (begin, end) = (0, 0);

                axes[i] = new Axis((int)x[i + 2], (int)kernel[i], (int)strides[i], (int)dilations[i], (int)begin, (int)end, transposed ? (int)outputPadding[i] : 0);
            }

            var mode = PaddingMode.Zeros;
            var fusedNodes = new List<string>();
            if (fusion is not null)
            {
                for (var i = 0; i < rank; i++)
                    axes[i] = axes[i] with { PadBegin = axes[i].PadBegin + (int)fusion.Begin[i], PadEnd = axes[i].PadEnd + (int)fusion.End[i] };
                mode = fusion.Mode;
                fusedNodes.Add(fusion.Node);
            }

            var layer = new Layer(ConvKind(rank, transposed), c, d, new EquatableArray<Axis>(axes), group, mode, bias is not null,
                Activation.None, false, ElementType.Float, null, UnrollMode.Auto);
            var outLength = Length(y);
            if (layer.OutputLength != outLength) throw Fail($"ConvGen computes {layer.OutputLength} outputs where ONNX has {Dims(y)}");
            // Output channel of each weight: D × C/g × k (convolution) or C × D/g × k (transposed).
            var plane = (int)kernel.Aggregate(1L, (a, b) => a * b);
            Func<int, int> channel = transposed
                ? i => i / plane / (d / group) / (c / group) * (d / group) + i / plane % (d / group)
                : i => i / (plane * (c / group));
            fusedNodes.Insert(0, Name(_node));
            Epilogue(layer, weights, bias, channel, d, node.Inputs[0], fusedNodes, node.OpType, 1);
        }

        private void Dense()
        {
            var node = _graph.Nodes[_node];
            var a = ShapeOf(node.Inputs[0]);
            if (!IsData(node.Inputs[0]) || IsData(node.Inputs[1]))
                throw Fail("only the first operand may be computed at run time (ConvGen multiplies by constant weights)");
            var b = Required(1, "the weights");
            var bShape = ShapeOf(node.Inputs[1]);
            if (bShape.Length != 2) throw Fail($"weights of shape {Dims(bShape)} are not a matrix");
            if (a.Length < 1) throw Fail("a scalar input is not a matrix product");
            var transB = node.OpType == "Gemm" && Int(_node, "transB", 0) != 0;
            var (k, n) = transB ? ((int)bShape[1], (int)bShape[0]) : ((int)bShape[0], (int)bShape[1]);
            if (a[a.Length - 1] != k) throw Fail($"the input's last axis ({a[a.Length - 1]}) is not the weights' inner size ({k})");
            var alpha = node.OpType == "Gemm" ? Float(_node, "alpha", 1f) : 1f;
            var weights = new float[n * k];
            for (var o = 0; o < n; o++)
                for (var i = 0; i < k; i++)
                    weights[o * k + i] = alpha * (transB ? b[o * k + i] : b[i * n + o]);
            float[]? bias = null;
            if (node.OpType == "Gemm" && node.Inputs.Count > 2 && node.Inputs[2].Length > 0)
            {
                var cShape = ShapeOf(node.Inputs[2]);
                var cData = Required(2, "C");
                var beta = Float(_node, "beta", 1f);
                if (cData.Length == 1) bias = Enumerable.Repeat(beta * cData[0], n).ToArray();
                else if (cData.Length == n && cShape[cShape.Length - 1] == n) bias = cData.Select(v => beta * v).ToArray();
                else throw Fail($"C of shape {Dims(cShape)} is not a bias of {n} outputs");
            }

            var samples = (int)(a.Aggregate(1L, (p, q) => p * q) / k);
            var layer = new Layer(LayerKind.Linear, k, n, EquatableArray<Axis>.Empty, 1, PaddingMode.Zeros, bias is not null,
                Activation.None, false, ElementType.Float, null, UnrollMode.Auto);
            Epilogue(layer, weights, bias, i => i / k, n, node.Inputs[0], new List<string> { Name(_node) }, node.OpType, samples);
        }

        /// <summary>
        /// A convolution or dense layer with what follows it folded in, in this order: BatchNormalization (into the weights
        /// and bias), a constant per-channel Add (into the bias), a residual Add of a tensor already computed, then one
        /// activation (or Sigmoid and Mul as SiLU). Each fused node is the only reader of the value before it.
        /// </summary>
        private void Epilogue(Layer layer, float[] weights, float[]? bias, Func<int, int> channelOf, int channels, string input,
            List<string> nodes, string opType, int samples)
        {
            var current = _graph.Nodes[_node].Outputs[0];
            var residual = -1;
            var activation = Activation.None;
            var ops = new List<string> { opType };
            while (activation.IsNone)
            {
                if (Silu(current) is { } silu)
                {
                    activation = new Activation(ActivationKind.Silu);
                    foreach (var f in new[] { silu.Sigmoid, silu.Mul })
                    {
                        _fused.Add(f);
                        nodes.Add(Name(f));
                    }

                    ops.Add("Sigmoid + Mul (SiLU)");
                    current = _graph.Nodes[silu.Mul].Outputs[0];
                    break;
                }

                var next = SoleConsumer(current);
                if (next < 0) break;
                var n = _graph.Nodes[next];
                if (n.OpType == "BatchNormalization" && residual < 0 && n.Inputs[0] == current)
                {
                    var (scale, shift) = BatchNormOf(next, channels);
                    for (var i = 0; i < weights.Length; i++) weights[i] = (float)(weights[i] * scale[channelOf(i)]);
                    bias = Enumerable.Range(0, channels).Select(ch => (float)((bias is null ? 0 : bias[ch]) * scale[ch] + shift[ch])).ToArray();
                }
                else if (n.OpType == "Add" && residual < 0 && PerChannel(n, current, channels, layer.Info.IsLinear) is { } add)
                    bias = Enumerable.Range(0, channels).Select(ch => (bias is null ? 0 : bias[ch]) + add[ch]).ToArray();
                else if (n.OpType == "Add" && residual < 0 && n.Inputs.Count == 2 && n.Inputs.Count(i => i == current) == 1 &&
                         n.Inputs.First(i => i != current) is var other && IsData(other) && ShapeOf(other).SequenceEqual(ShapeOf(current)))
                    residual = SlotOf(other);
                else if (ActivationOf(next) is { } act) activation = act;
                else break;

                _fused.Add(next);
                nodes.Add(Name(next));
                ops.Add(n.OpType);
                current = n.Outputs[0];
            }

            layer = layer with { Bias = bias is not null, Activation = activation, Residual = residual >= 0 };
            var w = AddParameters(weights);
            var b = bias is null ? -1 : AddParameters(bias);
            var inSlot = Read(input);
            if (residual >= 0) Use(residual);
            var outSlot = NewSlot(current, layer.OutputLength * samples);
            var macs = (layer.MatrixNonZeros() ?? (long)layer.OutputLength * layer.WeightsLength / Math.Max(1, layer.D)) * samples;
            var what = layer.Info.IsLinear
                ? $"{layer.C} → {layer.D}{(samples > 1 ? $" on {samples} rows" : "")}"
                : $"{Dims(ShapeOf(input).Skip(1))} → {Dims(ShapeOf(current).Skip(1))}, kernel {string.Join("×", layer.Axes.Select(a => a.Kernel))}" +
                  (layer.Groups > 1 ? $", {layer.Groups} groups" : "") + (layer.PaddingMode != PaddingMode.Zeros ? $", {layer.PaddingMode.ToString().ToLowerInvariant()} padding" : "");
            _steps.Add(new LayerStep(string.Join(" + ", nodes), $"{string.Join(" + ", ops.Distinct())} as [{layer.Info.Name}]: {what}", macs, layer, w, b, inSlot, outSlot, residual, samples));
        }

        /// <summary>A constant Add operand that is one value per output channel (shape [D], [1, D] for a dense layer;
        /// [D, 1, …] or [1, D, 1, …] for a convolution), or null.</summary>
        private float[]? PerChannel(OnnxNode add, string current, int channels, bool dense)
        {
            if (add.Inputs.Count(i => i == current) != 1) return null;
            var other = add.Inputs.First(i => i != current);
            if (IsData(other) || ConstantOf(other) is not { } data || data.Length != channels) return null;
            var shape = ShapeOf(other);
            var rank = ShapeOf(current).Length;
            if (shape.Length > rank) return null;
            var aligned = Enumerable.Repeat(1L, rank - shape.Length).Concat(shape).ToArray();
            var axis = dense ? rank - 1 : 1;
            return aligned.Where((d, i) => i != axis).All(d => d == 1) && aligned[axis] == channels ? data : null;
        }

        /// <summary>The per-channel scale γ/√(σ²+ε) and shift β − μ·scale of an inference BatchNormalization.</summary>
        private (double[] Scale, double[] Shift) BatchNormOf(int node, int channels)
        {
            var saved = _node;
            _node = node;
            var (gamma, beta, mean, variance) = (Required(1, "scale"), Required(2, "B"), Required(3, "the mean"), Required(4, "the variance"));
            var epsilon = Float(node, "epsilon", 1e-5f);
            _node = saved;
            if (new[] { gamma, beta, mean, variance }.Any(p => p.Length != channels))
                throw new LoweringException(new OnnxProblem(Name(node), "BatchNormalization", $"its parameters do not have {channels} channels"));
            var scale = Enumerable.Range(0, channels).Select(c => gamma[c] / Math.Sqrt((double)variance[c] + epsilon)).ToArray();
            return (scale, Enumerable.Range(0, channels).Select(c => beta[c] - mean[c] * scale[c]).ToArray());
        }

        /// <summary>The Sigmoid and Mul of x·sigmoid(x) where they are the only readers of x (and the Mul the only reader of
        /// the Sigmoid), or null.</summary>
        private (int Sigmoid, int Mul)? Silu(string x)
        {
            if (x == _outputName || !_consumers.TryGetValue(x, out var readers) || readers.Count != 2) return null;
            var s = readers.FirstOrDefault(r => _graph.Nodes[r].OpType == "Sigmoid" && r > _node);
            var m = readers.FirstOrDefault(r => _graph.Nodes[r].OpType == "Mul" && r > _node);
            if (s == 0 || m == 0 || _fused.Contains(s) || _fused.Contains(m)) return null;
            var sOut = _graph.Nodes[s].Outputs[0];
            var mul = _graph.Nodes[m];
            if (sOut == _outputName || !_consumers.TryGetValue(sOut, out var sr) || sr.Count != 1 || sr[0] != m) return null;
            return mul.Inputs.Count == 2 && mul.Inputs.Contains(x) && mul.Inputs.Contains(sOut) ? (s, m) : null;
        }

        private void Pool()
        {
            var node = _graph.Nodes[_node];
            var x = ShapeOf(node.Inputs[0]);
            var rank = x.Length - 2;
            if (rank is < 1 or > 3) throw Fail($"pooling over {rank} spatial axes is not supported (1, 2 or 3 are)");
            var global = node.OpType.StartsWith("Global", StringComparison.Ordinal);
            var max = node.OpType.Contains("Max");
            var kernel = global ? x.Skip(2).ToArray() : Ints(_node, "kernel_shape")!;
            var strides = global ? Ones(rank) : Ints(_node, "strides") ?? Ones(rank);
            var dilations = global || !max ? Ones(rank) : Ints(_node, "dilations") ?? Ones(rank);
            var pads = global ? new long[2 * rank] : Ints(_node, "pads") ?? new long[2 * rank];
            var ceil = !global && Int(_node, "ceil_mode", 0) != 0;
            var autoPad = Str(_node, "auto_pad", "NOTSET");
            var y = ShapeOf(node.Outputs[0]);
            var axes = new Axis[rank];
            for (var i = 0; i < rank; i++)
            {
                long begin = pads[i], end = pads[i + rank];
                if (autoPad is "SAME_UPPER" or "SAME_LOWER")
                {
                    var total = Math.Max(0, (y[i + 2] - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - x[i + 2]);
                    (begin, end) = autoPad == "SAME_UPPER" ? (total / 2, total - total / 2) : (total - total / 2, total / 2);
                }
                else if (autoPad == "VALID") (begin, end) = (0, 0);

                if (begin > kernel[i] / 2 || end > kernel[i] / 2)
                    throw Fail($"padding {Math.Max(begin, end)} on spatial axis {i} is more than half the window {kernel[i]} (not supported)");
                axes[i] = new Axis((int)x[i + 2], (int)kernel[i], (int)strides[i], (int)dilations[i], (int)begin, (int)end, 0);
            }

            var c = (int)x[1];
            var pooling = new Pooling(max ? PoolOp.Max : PoolOp.Average, ceil, !max && Int(_node, "count_include_pad", 0) != 0);
            var layer = new Layer(PoolKind(max, rank), c, c, new EquatableArray<Axis>(axes), c, PaddingMode.Zeros, false, Activation.None, false,
                ElementType.Float, null, UnrollMode.Auto, false, pooling);
            if (layer.OutputLength != Length(y)) throw Fail($"ConvGen computes {layer.OutputLength} outputs where ONNX has {Dims(y)}");
            var input = Read(node.Inputs[0]);
            var output = NewSlot(node.Outputs[0], layer.OutputLength);
            _steps.Add(new LayerStep(Name(_node), $"{node.OpType} as [{layer.Info.Name}]: {Dims(x.Skip(1))} → {Dims(y.Skip(1))}, window {string.Join("×", kernel)}",
                0, layer, -1, -1, input, output, -1, 1));
        }

        /// <summary>ReduceMean or ReduceMax over trailing axes: a global pooling layer whose channels are the axes before
        /// them (the batch axis excepted), with the reduced axes as its window.</summary>
        private void Reduce()
        {
            var node = _graph.Nodes[_node];
            var x = ShapeOf(node.Inputs[0]);
            var axes = OnnxShapes.ReducedAxes(node, _values, _graph.OpsetVersion, x.Length);
            if (axes.Count == 0)
            {
                Alias();
                return;
            }

            var start = x.Length - axes.Count;
            if (axes.Contains(0)) throw Fail("it reduces the batch axis; ConvGen runs samples one by one");
            if (Enumerable.Range(start, axes.Count).Any(a => !axes.Contains(a)) || axes.Count > 3)
                throw Fail($"it reduces axes [{string.Join(", ", axes.OrderBy(a => a))}]; ConvGen reduces up to three trailing axes");
            var max = node.OpType == "ReduceMax";
            var window = x.Skip(start).ToArray();
            var channels = (int)x.Skip(1).Take(start - 1).Aggregate(1L, (p, q) => p * q);
            var layer = new Layer(PoolKind(max, window.Length), channels, channels, new EquatableArray<Axis>(window.Select(n => new Axis((int)n, (int)n, 1, 1, 0, 0, 0)).ToArray()),
                channels, PaddingMode.Zeros, false, Activation.None, false, ElementType.Float, null, UnrollMode.Auto, false,
                new Pooling(max ? PoolOp.Max : PoolOp.Average, false, false));
            var input = Read(node.Inputs[0]);
            var output = NewSlot(node.Outputs[0], layer.OutputLength);
            _steps.Add(new LayerStep(Name(_node), $"{node.OpType} as [{layer.Info.Name}]: {Dims(x.Skip(1))} → {Dims(ShapeOf(node.Outputs[0]).Skip(1))}, over {string.Join("×", window)}",
                0, layer, -1, -1, input, output, -1, 1));
        }

        private static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();
    }
}
