using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;
using ConvGen.Onnx;

namespace ConvGen.Emitting;

/// <summary>
/// The private <c>ConvGenNetwork</c> class of an [OnnxModel] type: the per-thread workspace, the parameters, the
/// per-sample pass (one block per step, each reading and writing its planned regions) and the nested layer types.
/// </summary>
internal static class NetworkSteps
{
    private const string Ro = Names.ReadOnlySpan + "<float>", Rw = Names.Span + "<float>";

    public static void EmitClass(SourceWriter w, OnnxNetwork net)
    {
        var c = NetworkEmitter.NetworkClass;
        w.Line("/// <summary>The network's parameters, its per-sample pass and one nested type per layer step.</summary>");
        using (w.Block($"private static class {c}"))
        {
            if ((long)net.WorkspaceLength * 4 > NetworkEmitter.StackLimitBytes)
            {
                w.Line("[global::System.ThreadStatic]");
                w.Line("private static float[]? t_workspace;");
                w.Line();
                w.Line("/// <summary>This thread's workspace, allocated on its first call.</summary>");
                w.Line($"public static {Rw} ThreadWorkspace() => t_workspace ??= new float[WorkspaceLength];");
                w.Line();
            }

            var packed = PackedSteps(net);
            NetworkEmitter.Parameters(w, PackedParameters(net, packed));
            w.Line();
            w.Line("/// <summary>Each sample in turn through every step.</summary>");
            using (w.Block($"public static void Run({Ro} input, {Rw} output, {Rw} ws, int samples)"))
            {
                w.Line("if (!global::System.BitConverter.IsLittleEndian) throw new global::System.PlatformNotSupportedException(\"The network's parameters are stored little-endian.\");");
                w.Line($"{Ro} p = global::System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(ParameterBytes);");
                using (w.Block("for (int n = 0; n < samples; n++)"))
                    w.Line("Sample(input.Slice(n * InputLength, InputLength), output.Slice(n * OutputLength, OutputLength), ws, p);");
            }

            w.Line();
            w.Line("/// <summary>One sample: x is its input, y its output, ws the workspace, p the parameters.</summary>");
            using (w.Block($"private static void Sample({Ro} x, {Rw} y, {Rw} ws, {Ro} p)"))
            {
                for (var i = 0; i < net.Steps.Count; i++)
                {
                    if (i > 0) w.Line();
                    w.Line($"// {i + 1}. {NetworkEmitter.Xml(net.Steps[i].Nodes)}: {NetworkEmitter.Xml(net.Steps[i].Description)}");
                    Step(w, net, i, packed[i]);
                }
            }

            for (var i = 0; i < net.Steps.Count; i++)
            {
                if (net.Steps[i] is not LayerStep layer) continue;
                w.Line();
                w.Line($"/// <summary>Step {i + 1}: {NetworkEmitter.Xml(layer.Description)}.</summary>");
                LayerEmitter.EmitType(w, StepModel(i, layer));
            }
        }
    }

    private static LayerModel StepModel(int i, LayerStep layer) =>
        new(new TypeTarget(null, EquatableArray<string>.Empty, "static class", StepName(i), StepName(i), EquatableArray<string>.Empty), layer.Layer, ForwardOnly: true);

    /// <summary>The context of each step whose weights the parameters hold packed (its ForwardPacked beats its Forward),
    /// null for the other steps.</summary>
    private static KernelContext?[] PackedSteps(OnnxNetwork net) =>
        net.Steps.Select((step, i) => step is LayerStep { Weights: >= 0 } layer && new KernelContext(StepModel(i, layer)) is { Packed: not null } ctx ? ctx : null).ToArray();

    /// <summary>The parameters with the packed steps' weights laid out as their ForwardPacked reads them (at generation time).</summary>
    private static float[] PackedParameters(OnnxNetwork net, KernelContext?[] packed)
    {
        var parameters = net.Parameters.AsSpan().ToArray();
        for (var i = 0; i < packed.Length; i++)
        {
            if (packed[i] is not { } ctx) continue;
            var at = ((LayerStep)net.Steps[i]).Weights;
            Planning.PackedPlan.Pack(ctx.Geometry, parameters, at).CopyTo(parameters, at);
        }

        return parameters;
    }

    private static string StepName(int i) => "Step" + (i + 1);

    private static string Region(OnnxNetwork net, int slot)
    {
        var r = net.Slots[slot];
        return r.Kind switch
        {
            RegionKind.Input => "x",
            RegionKind.Output => "y",
            _ => $"ws.Slice({r.Offset}, {r.Length})",
        };
    }

    private static void Step(SourceWriter w, OnnxNetwork net, int index, KernelContext? packed)
    {
        string R(int slot) => Region(net, slot);
        switch (net.Steps[index])
        {
            case LayerStep s:
            {
                var type = StepName(index);
                var args = new List<string> { R(s.Input) };
                if (s.Weights >= 0) args.Add($"p.Slice({s.Weights}, {type}.{(packed is null ? "" : "Packed")}WeightsLength)");
                if (s.Bias >= 0) args.Add($"p.Slice({s.Bias}, {type}.BiasLength)");
                if (s.Residual >= 0) args.Add(R(s.Residual));
                args.Add(R(s.Output));
                w.Line($"{type}.Forward{(packed is null ? "" : "Packed")}({string.Join(", ", args)});");
                break;
            }

            case MapStep s:
                using (w.Block(""))
                {
                    w.Line($"{Ro} s = {R(s.Input)};");
                    w.Line($"{Rw} d = {R(s.Output)};");
                    using (w.Block($"for (int i = 0; i < {s.Length}; i++)"))
                    {
                        w.Line("float v = s[i];");
                        w.Line($"d[i] = {s.Expression};");
                    }
                }

                break;
            case BinaryStep s:
                Binary(w, net, s);
                break;
            case AffineStep s:
                using (w.Block(""))
                {
                    w.Line($"{Ro} s = {R(s.Input)};");
                    w.Line($"{Rw} d = {R(s.Output)};");
                    using (w.Block($"for (int c = 0; c < {s.Channels}; c++)"))
                    {
                        w.Line($"float scale = p[{s.Scale} + c], shift = p[{s.Shift} + c];");
                        using (w.Block($"for (int i = c * {s.Plane}; i < (c + 1) * {s.Plane}; i++)"))
                            w.Line("d[i] = s[i] * scale + shift;");
                    }
                }

                break;
            case SoftmaxStep s:
                Softmax(w, R(s.Input), R(s.Output), s);
                break;
            case ConcatStep s:
                using (w.Block(""))
                {
                    w.Line($"{Rw} d = {R(s.Output)};");
                    var total = s.Chunks.Sum();
                    using (w.Block($"for (int o = 0; o < {s.Outer}; o++)"))
                    {
                        var at = 0;
                        for (var i = 0; i < s.Inputs.Count; i++)
                        {
                            w.Line($"{R(s.Inputs[i])}.Slice(o * {s.Chunks[i]}, {s.Chunks[i]}).CopyTo(d.Slice(o * {total} + {at}, {s.Chunks[i]}));");
                            at += s.Chunks[i];
                        }
                    }
                }

                break;
            case TransposeStep s:
                Transpose(w, R(s.Input), R(s.Output), s);
                break;
            case PadStep s:
                Pad(w, R(s.Input), R(s.Output), s);
                break;
            case CopyStep s:
                w.Line($"{(s.Input >= 0 ? R(s.Input) : $"p.Slice({s.Constant}, {s.Length})")}.CopyTo({R(s.Output)});");
                break;
        }
    }

    /// <summary>Nested loops over the output's axes (size-1 axes have none); each operand indexed by its strides.</summary>
    private static void Loops(SourceWriter w, EquatableArray<int> shape, System.Action body)
    {
        var scopes = new List<System.IDisposable>();
        for (var a = 0; a < shape.Count; a++)
            if (shape[a] != 1) scopes.Add(w.Block($"for (int i{a} = 0; i{a} < {shape[a]}; i{a}++)"));
        body();
        for (var i = scopes.Count - 1; i >= 0; i--) scopes[i].Dispose();
    }

    private static string Index(EquatableArray<int> shape, IReadOnlyList<int> strides)
    {
        var terms = Enumerable.Range(0, shape.Count).Where(a => shape[a] != 1 && strides[a] != 0)
            .Select(a => strides[a] == 1 ? $"i{a}" : $"i{a} * {strides[a]}").ToArray();
        return terms.Length == 0 ? "0" : string.Join(" + ", terms);
    }

    private static void Binary(SourceWriter w, OnnxNetwork net, BinaryStep s)
    {
        string Operand(Operand o)
        {
            if (o.Slot >= 0) return Region(net, o.Slot);
            var count = 1 + Enumerable.Range(0, s.Shape.Count).Sum(a => (s.Shape[a] - 1) * o.Strides[a]);
            return $"p.Slice({o.Constant}, {count})";
        }

        using (w.Block(""))
        {
            w.Line($"{Ro} a = {Operand(s.A)};");
            w.Line($"{Ro} b = {Operand(s.B)};");
            w.Line($"{Rw} d = {Region(net, s.Output)};");
            w.Line("int o = 0;");
            Loops(w, s.Shape, () => w.Line($"d[o++] = a[{Index(s.Shape, s.A.Strides.ToArray())}] {s.Op} b[{Index(s.Shape, s.B.Strides.ToArray())}];"));
        }
    }

    private static void Softmax(SourceWriter w, string input, string output, SoftmaxStep s)
    {
        using (w.Block(""))
        {
            w.Line($"{Ro} s = {input};");
            w.Line($"{Rw} d = {output};");
            using (w.Block($"for (int o = 0; o < {s.Outer}; o++)"))
            using (w.Block($"for (int i = 0; i < {s.Inner}; i++)"))
            {
                w.Line($"int at = o * {s.Axis * s.Inner} + i;");
                w.Line("float max = float.NegativeInfinity;");
                w.Line($"for (int k = 0; k < {s.Axis}; k++) max = global::System.Math.Max(max, s[at + k * {s.Inner}]);");
                w.Line("float sum = 0f;");
                using (w.Block($"for (int k = 0; k < {s.Axis}; k++)"))
                {
                    w.Line($"float e = global::System.MathF.Exp(s[at + k * {s.Inner}] - max);");
                    w.Line($"d[at + k * {s.Inner}] = e;");
                    w.Line("sum += e;");
                }

                w.Line("float r = 1f / sum;");
                w.Line($"for (int k = 0; k < {s.Axis}; k++) d[at + k * {s.Inner}] *= r;");
            }
        }
    }

    private static int[] Strides(EquatableArray<int> shape) =>
        OnnxShapes.Strides(shape.Select(d => (long)d).ToArray()).Select(s => (int)s).ToArray();

    private static void Transpose(SourceWriter w, string input, string output, TransposeStep s)
    {
        var inStrides = Strides(s.Shape);
        var outShape = new EquatableArray<int>(s.Perm.Select(p => s.Shape[p]).ToArray());
        var strides = s.Perm.Select(p => inStrides[p]).ToArray();
        using (w.Block(""))
        {
            w.Line($"{Ro} s = {input};");
            w.Line($"{Rw} d = {output};");
            w.Line("int o = 0;");
            Loops(w, outShape, () => w.Line($"d[o++] = s[{Index(outShape, strides)}];"));
        }
    }

    private static void Pad(SourceWriter w, string input, string output, PadStep s)
    {
        var rank = s.Shape.Count;
        var outShape = new EquatableArray<int>(Enumerable.Range(0, rank).Select(a => s.Shape[a] + s.Pads[a] + s.Pads[a + rank]).ToArray());
        var strides = Strides(s.Shape);
        using (w.Block(""))
        {
            w.Line($"{Ro} s = {input};");
            w.Line($"{Rw} d = {output};");
            w.Line("int o = 0;");
            Loops(w, outShape, () =>
            {
                var inside = new List<string>();
                var terms = new List<string>();
                for (var a = 0; a < rank; a++)
                {
                    if (outShape[a] == 1 && s.Shape[a] == 1) continue;
                    var n = s.Shape[a];
                    var (begin, end) = (s.Pads[a], s.Pads[a + rank]);
                    var src = begin == 0 ? $"i{a}" : $"i{a} - {begin}";
                    if (begin != 0 || end != 0)
                    {
                        w.Line($"int j{a} = {src};");
                        src = $"j{a}";
                        if (s.Mode == PaddingMode.Reflect) w.Line($"j{a} = j{a} < 0 ? -j{a} : j{a} >= {n} ? {2 * (n - 1)} - j{a} : j{a};");
                        else if (s.Mode == PaddingMode.Replicate) w.Line($"j{a} = j{a} < 0 ? 0 : j{a} >= {n} ? {n - 1} : j{a};");
                        else inside.Add($"(uint)j{a} < {n}u");
                    }

                    terms.Add(strides[a] == 1 ? src : $"{src} * {strides[a]}");
                }

                var at = terms.Count == 0 ? "0" : string.Join(" + ", terms);
                w.Line(inside.Count == 0
                    ? $"d[o++] = s[{at}];"
                    : $"d[o++] = {string.Join(" && ", inside)} ? s[{at}] : {Literals.Real(s.Value, ElementType.Float)};");
            });
        }
    }
}
