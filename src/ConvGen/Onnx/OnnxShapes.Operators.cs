using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Onnx;

/// <summary>The shape rules (and build-time evaluation) of the operators that take more than a line.</summary>
internal static partial class OnnxShapes
{
    private readonly partial struct Node
    {
        private OnnxValue Conv(bool transposed)
        {
            var (x, w) = (In(0).Shape, In(1).Shape);
            var rank = x.Length - 2;
            if (rank < 1 || w.Length != x.Length) throw new ShapeException($"input [{string.Join(", ", x)}] and weights [{string.Join(", ", w)}] are not a convolution's");
            var kernel = Ints("kernel_shape") ?? w.Skip(2).ToArray();
            var (strides, dilations) = (Ints("strides") ?? Ones(rank), Ints("dilations") ?? Ones(rank));
            var pads = Ints("pads") ?? new long[2 * rank];
            var group = Int("group", 1);
            var autoPad = Str("auto_pad", "NOTSET");
            if (kernel.Length != rank || strides.Length != rank || dilations.Length != rank || pads.Length != 2 * rank)
                throw new ShapeException($"kernel_shape, strides, dilations or pads do not fit {rank} spatial axes");
            var outShape = new long[x.Length];
            outShape[0] = x[0];
            outShape[1] = transposed ? w[1] * group : w[0];
            var outputShape = Ints("output_shape");
            var outputPadding = Ints("output_padding") ?? new long[rank];
            for (var i = 0; i < rank; i++)
            {
                var (d, s, k) = (x[i + 2], strides[i], (kernel[i] - 1) * dilations[i] + 1);
                outShape[i + 2] = transposed
                    ? outputShape is { Length: > 0 } ? outputShape[outputShape.Length - rank + i]
                    : autoPad is "SAME_UPPER" or "SAME_LOWER" ? d * s
                    : s * (d - 1) + outputPadding[i] + k - (autoPad == "VALID" ? 0 : pads[i] + pads[i + rank])
                    : autoPad is "SAME_UPPER" or "SAME_LOWER" ? (d + s - 1) / s
                    : autoPad == "VALID" ? (d - k) / s + 1
                    : (d + pads[i] + pads[i + rank] - k) / s + 1;
                if (outShape[i + 2] <= 0) throw new ShapeException($"the output would be empty on spatial axis {i}");
            }

            return Shape(outShape);
        }

        private OnnxValue Pool()
        {
            var x = In(0).Shape;
            var rank = x.Length - 2;
            var kernel = Ints("kernel_shape") ?? throw new ShapeException("kernel_shape is missing");
            var (strides, dilations) = (Ints("strides") ?? Ones(rank), Ints("dilations") ?? Ones(rank));
            var pads = Ints("pads") ?? new long[2 * rank];
            var ceil = Int("ceil_mode", 0) != 0;
            var autoPad = Str("auto_pad", "NOTSET");
            if (kernel.Length != rank || strides.Length != rank || dilations.Length != rank || pads.Length != 2 * rank)
                throw new ShapeException($"kernel_shape, strides, dilations or pads do not fit {rank} spatial axes");
            var outShape = x.ToArray();
            for (var i = 0; i < rank; i++)
            {
                var (d, s, k) = (x[i + 2], strides[i], (kernel[i] - 1) * dilations[i] + 1);
                long o;
                if (autoPad is "SAME_UPPER" or "SAME_LOWER") o = (d + s - 1) / s;
                else if (autoPad == "VALID") o = (d - k) / s + 1;
                else
                {
                    var span = d + pads[i] + pads[i + rank] - k;
                    o = (ceil ? (span + s - 1) / s : span / s) + 1;
                    if (ceil && (o - 1) * s >= d + pads[i]) o--; // the last window would start in the end padding
                }

                if (o <= 0) throw new ShapeException($"the output would be empty on spatial axis {i}");
                outShape[i + 2] = o;
            }

            return Shape(outShape);
        }

        private OnnxValue Binary()
        {
            var (a, b) = (In(0), In(1));
            long[] shape;
            if (opset < 7 && Int("broadcast", 0) != 0) shape = a.Shape; // legacy: B broadcast onto A (at axis)
            else shape = Broadcast(a.Shape, b.Shape);
            var integer = a.Integer && b.Integer;
            if (node.OpType == "Equal") integer = true;
            if (a.Data is not { } da || b.Data is not { } db || opset < 7 && Int("broadcast", 0) != 0 && !a.Shape.SequenceEqual(b.Shape)) return new OnnxValue(shape, null, integer);
            var (ea, eb) = (Spread(da, a.Shape, shape), Spread(db, b.Shape, shape));
            if (ea is null || eb is null) return new OnnxValue(shape, null, integer);
            var result = new double[ea.Length];
            for (var i = 0; i < result.Length; i++)
                result[i] = node.OpType switch
                {
                    "Add" => ea[i] + eb[i],
                    "Sub" => ea[i] - eb[i],
                    "Mul" => ea[i] * eb[i],
                    "Div" => integer ? Math.Truncate(ea[i] / eb[i]) : ea[i] / eb[i],
                    _ => ea[i] == eb[i] ? 1 : 0,
                };
            return new OnnxValue(shape, result, integer);
        }

        private OnnxValue Where()
        {
            var (c, a, b) = (In(0), In(1), In(2));
            var shape = Broadcast(Broadcast(c.Shape, a.Shape), b.Shape);
            if (c.Data is null || a.Data is null || b.Data is null) return new OnnxValue(shape, null, a.Integer && b.Integer);
            var (ec, ea, eb) = (Spread(c.Data, c.Shape, shape), Spread(a.Data, a.Shape, shape), Spread(b.Data, b.Shape, shape));
            if (ec is null || ea is null || eb is null) return new OnnxValue(shape, null, a.Integer && b.Integer);
            return new OnnxValue(shape, ec.Select((v, i) => v != 0 ? ea[i] : eb[i]).ToArray(), a.Integer && b.Integer);
        }

        private OnnxValue Reshape()
        {
            var x = In(0);
            var target = (opset < 5 ? Ints("shape") : Known(1, "the shape")?.Select(d => (long)d).ToArray()) ?? throw new ShapeException("the shape is missing");
            var allowZero = Int("allowzero", 0) != 0;
            var shape = target.Select((d, i) => d == 0 && !allowZero ? (i < x.Shape.Length ? x.Shape[i] : throw new ShapeException($"0 at axis {i} copies no input axis")) : d).ToArray();
            var unknown = Array.IndexOf(shape, -1L);
            if (unknown >= 0)
            {
                var rest = shape.Where((d, i) => i != unknown).Aggregate(1L, (p, d) => p * d);
                if (rest == 0 || x.Count % rest != 0) throw new ShapeException($"[{string.Join(", ", target)}] does not fit {x.Count} elements");
                shape[unknown] = x.Count / rest;
            }

            if (shape.Any(d => d < 0) || shape.Aggregate(1L, (p, d) => p * d) != x.Count)
                throw new ShapeException($"[{string.Join(", ", target)}] does not fit [{string.Join(", ", x.Shape)}]");
            return x with { Shape = shape };
        }

        private long[]? AxesArgument() => opset < 13 ? Ints("axes") : Has(1) ? Known(1, "the axes").Select(d => (long)d).ToArray() : null;

        /// <summary>The axes a ReduceMean/ReduceMax reduces: the attribute before opset 18, the input from it; none given is
        /// every axis (or none, with noop_with_empty_axes).</summary>
        public HashSet<long> ReducedAxes(int rank)
        {
            var given = opset < 18 ? Ints("axes") : Has(1) ? Known(1, "the axes").Select(d => (long)d).ToArray() : null;
            if (given is { Length: > 0 }) return new HashSet<long>(given.Select(a => Axis(a, rank, "axis")));
            return opset >= 18 && Int("noop_with_empty_axes", 0) != 0 ? new HashSet<long>() : new HashSet<long>(Enumerable.Range(0, rank).Select(i => (long)i));
        }

        private OnnxValue Reduce()
        {
            var x = In(0).Shape;
            var axes = ReducedAxes(x.Length);
            var keep = Int("keepdims", 1) != 0;
            return Shape(keep ? x.Select((d, i) => axes.Contains(i) ? 1 : d).ToArray() : x.Where((d, i) => !axes.Contains(i)).ToArray());
        }

        private OnnxValue Squeeze()
        {
            var x = In(0);
            var axes = AxesArgument() is { } given ? new HashSet<long>(given.Select(a => Axis(a, x.Shape.Length, "axis"))) : null;
            if (axes is not null && axes.Any(a => x.Shape[a] != 1)) throw new ShapeException($"an axis of [{string.Join(", ", x.Shape)}] that is not 1 is squeezed");
            return x with { Shape = x.Shape.Where((d, i) => axes is null ? d != 1 : !axes.Contains(i)).ToArray() };
        }

        private OnnxValue Unsqueeze()
        {
            var x = In(0);
            var axes = AxesArgument() ?? throw new ShapeException("the axes are missing");
            var rank = x.Shape.Length + axes.Length;
            var set = new HashSet<long>(axes.Select(a => Axis(a, rank, "axis")));
            var shape = new long[rank];
            for (int i = 0, j = 0; i < rank; i++) shape[i] = set.Contains(i) ? 1 : x.Shape[j++];
            return x with { Shape = shape };
        }

        private OnnxValue Transpose()
        {
            var x = In(0);
            var rank = x.Shape.Length;
            var perm = Ints("perm") ?? Enumerable.Range(0, rank).Reverse().Select(i => (long)i).ToArray();
            if (perm.Length != rank || perm.Distinct().Count() != rank || perm.Any(p => p < 0 || p >= rank)) throw new ShapeException($"perm [{string.Join(", ", perm)}] is not a permutation of {rank} axes");
            var shape = perm.Select(p => x.Shape[p]).ToArray();
            if (x.Data is not { } data) return Shape(shape) with { Integer = x.Integer };
            var result = new double[data.Length];
            var (inStrides, index) = (Strides(x.Shape), new long[rank]);
            for (var o = 0; o < result.Length; o++)
            {
                long at = 0;
                for (var a = 0; a < rank; a++) at += index[a] * inStrides[perm[a]];
                result[o] = data[at];
                for (var a = rank - 1; a >= 0 && ++index[a] == shape[a]; a--) index[a] = 0;
            }

            return new OnnxValue(shape, result, x.Integer);
        }

        private OnnxValue MatMul()
        {
            var (a, b) = (In(0).Shape, In(1).Shape);
            var (ra, rb) = (a.Length == 1 ? new[] { 1L, a[0] } : a, b.Length == 1 ? new[] { b[0], 1L } : b);
            if (ra[ra.Length - 1] != rb[rb.Length - 2]) throw new ShapeException($"MatMul's inner sizes differ: [{string.Join(", ", a)}] × [{string.Join(", ", b)}]");
            var batch = Broadcast(ra.Take(ra.Length - 2).ToArray(), rb.Take(rb.Length - 2).ToArray());
            var shape = batch.ToList();
            if (a.Length > 1) shape.Add(ra[ra.Length - 2]);
            if (b.Length > 1) shape.Add(rb[rb.Length - 1]);
            return Shape(shape.ToArray());
        }

        private OnnxValue Concat()
        {
            var parts = Enumerable.Range(0, node.Inputs.Count).Where(Has).Select(In).ToArray();
            if (parts.Length == 0) throw new ShapeException("no inputs");
            var rank = parts[0].Shape.Length;
            var axis = (int)Axis(Int("axis", opset < 4 ? 1 : 0), rank, "axis");
            foreach (var p in parts)
                if (p.Shape.Length != rank || p.Shape.Where((d, i) => i != axis && d != parts[0].Shape[i]).Any())
                    throw new ShapeException($"[{string.Join(", ", p.Shape)}] does not concatenate with [{string.Join(", ", parts[0].Shape)}] on axis {axis}");
            var shape = parts[0].Shape.ToArray();
            shape[axis] = parts.Sum(p => p.Shape[axis]);
            var integer = parts.All(p => p.Integer);
            if (parts.Any(p => p.Data is null)) return new OnnxValue(shape, null, integer);
            var outer = shape.Take(axis).Aggregate(1L, (x, y) => x * y);
            var result = new List<double>();
            for (long o = 0; o < outer; o++)
                foreach (var p in parts)
                {
                    var block = p.Shape.Skip(axis).Aggregate(1L, (x, y) => x * y);
                    result.AddRange(p.Data!.Skip((int)(o * block)).Take((int)block));
                }

            return new OnnxValue(shape, result.ToArray(), integer);
        }

        private OnnxValue Pad()
        {
            var x = In(0);
            var rank = x.Shape.Length;
            var pads = opset < 11 ? Ints("pads") ?? throw new ShapeException("pads are missing") : Known(1, "the pads").Select(d => (long)d).ToArray();
            var axes = opset >= 18 && Has(3) ? Known(3, "the axes").Select(a => Axis((long)a, rank, "axis")).ToArray() : Enumerable.Range(0, rank).Select(i => (long)i).ToArray();
            if (pads.Length != 2 * axes.Length) throw new ShapeException($"{pads.Length} pads for {axes.Length} axes");
            var shape = x.Shape.ToArray();
            for (var i = 0; i < axes.Length; i++) shape[axes[i]] += pads[i] + pads[i + axes.Length];
            if (shape.Any(d => d < 0)) throw new ShapeException("negative padding removes more than the axis holds");
            return Shape(shape);
        }

        private OnnxValue Constant()
        {
            if (Attr("value")?.Tensor is { } t) return FromTensor(t);
            if (Attr("value_float") is { } f) return new OnnxValue([], [f.Float], false);
            if (Attr("value_floats") is { } fs) return new OnnxValue([fs.Floats.Count], fs.Floats.Select(v => (double)v).ToArray(), false);
            if (Attr("value_int") is { } i) return new OnnxValue([], [i.Int], true);
            if (Attr("value_ints") is { } @is) return new OnnxValue([@is.Ints.Count], @is.Ints.Select(v => (double)v).ToArray(), true);
            throw new ShapeException("the constant has no value ConvGen reads (sparse and string constants are not supported)");
        }

        private OnnxValue Gather()
        {
            var (data, indices) = (In(0), In(1));
            var axis = (int)Axis(Int("axis", 0), data.Shape.Length, "axis");
            var shape = data.Shape.Take(axis).Concat(indices.Shape).Concat(data.Shape.Skip(axis + 1)).ToArray();
            if (data.Data is null || indices.Data is null) return new OnnxValue(shape, null, data.Integer);
            var (outer, inner, size) = (data.Shape.Take(axis).Aggregate(1L, (a, b) => a * b), data.Shape.Skip(axis + 1).Aggregate(1L, (a, b) => a * b), data.Shape[axis]);
            var result = new List<double>();
            for (long o = 0; o < outer; o++)
                foreach (var index in indices.Data)
                {
                    var k = (long)index < 0 ? (long)index + size : (long)index;
                    if (k < 0 || k >= size) throw new ShapeException($"index {index} is outside an axis of {size}");
                    result.AddRange(data.Data.Skip((int)((o * size + k) * inner)).Take((int)inner));
                }

            return new OnnxValue(shape, result.ToArray(), data.Integer);
        }

        private OnnxValue Slice()
        {
            var x = In(0);
            var rank = x.Shape.Length;
            long[] starts, ends, axes, steps;
            if (opset < 10)
            {
                starts = Ints("starts") ?? throw new ShapeException("starts are missing");
                ends = Ints("ends") ?? throw new ShapeException("ends are missing");
                axes = Ints("axes") ?? Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
                steps = Enumerable.Repeat(1L, starts.Length).ToArray();
            }
            else
            {
                starts = Known(1, "the starts").Select(d => (long)Math.Max(Math.Min(d, long.MaxValue / 2), long.MinValue / 2)).ToArray();
                ends = Known(2, "the ends").Select(d => (long)Math.Max(Math.Min(d, long.MaxValue / 2), long.MinValue / 2)).ToArray();
                axes = Has(3) ? Known(3, "the axes").Select(d => (long)d).ToArray() : Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
                steps = Has(4) ? Known(4, "the steps").Select(d => (long)d).ToArray() : Enumerable.Repeat(1L, starts.Length).ToArray();
            }

            var (begin, step, shape) = (new long[rank], Enumerable.Repeat(1L, rank).ToArray(), x.Shape.ToArray());
            for (var i = 0; i < axes.Length; i++)
            {
                var a = Axis(axes[i], rank, "axis");
                var (d, s) = (x.Shape[a], steps[i]);
                if (s == 0) throw new ShapeException("a step is 0");
                long Clamp(long v, long lo, long hi) => Math.Max(lo, Math.Min(hi, v < 0 ? v + d : v));
                var (b, e) = s > 0 ? (Clamp(starts[i], 0, d), Clamp(ends[i], 0, d)) : (Clamp(starts[i], -1, d - 1), Clamp(ends[i], -1, d - 1));
                (begin[a], step[a]) = (b, s);
                shape[a] = Math.Max(0, s > 0 ? (e - b + s - 1) / s : (b - e - s - 1) / -s);
            }

            if (x.Data is not { } data) return new OnnxValue(shape, null, x.Integer);
            var strides = Strides(x.Shape);
            var result = new double[shape.Aggregate(1L, (p, q) => p * q)];
            var index = new long[rank];
            for (var o = 0; o < result.Length; o++)
            {
                long at = 0;
                for (var a = 0; a < rank; a++) at += (begin[a] + index[a] * step[a]) * strides[a];
                result[o] = data[at];
                for (var a = rank - 1; a >= 0 && ++index[a] == shape[a]; a--) index[a] = 0;
            }

            return new OnnxValue(shape, result, x.Integer);
        }

        private static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();
    }
}
