using System;
using System.Linq;
using System.Text;
using ConvGen.Model;
using ConvGen.Onnx;

namespace ConvGen.Emitting;

/// <summary>An [OnnxModel] type as the pipeline hands it to the emitter: where it goes and the lowered network.</summary>
internal sealed record NetworkModel(TypeTarget Target, OnnxNetwork Network);

/// <summary>
/// [OnnxModel] → the generated source file: the constants, the two Forward overloads (argument checks, then one pass per
/// sample), and the private <c>ConvGenNetwork</c> class with the parameters (RVA data), the per-sample step sequence
/// (<see cref="NetworkSteps"/>) and one nested layer type per convolution, dense or pooling step.
/// </summary>
internal static class NetworkEmitter
{
    /// <summary>The two-span Forward puts a workspace up to this size on the stack, else uses a buffer per thread.</summary>
    public const int StackLimitBytes = 256 * 1024;

    public const string NetworkClass = "ConvGenNetwork";

    /// <summary>The members generated on the user's type (a declared member of the same name is CONV error).</summary>
    public static readonly string[] MemberNames = { "InputLength", "OutputLength", "WorkspaceLength", "Forward", NetworkClass, Names.ForwardJobClass };

    public static string Emit(NetworkModel model)
    {
        var w = new SourceWriter();
        w.Lines(AttributeSource.Header);
        LayerEmitter.InTarget(w, model.Target, () => Type(w, model));
        return w.ToString();
    }

    /// <summary>Text for XML docs and comments: one line, &amp; and angle brackets escaped.</summary>
    public static string Xml(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ when char.IsControl(c) => " ", _ => c.ToString() });
        return sb.ToString();
    }

    private static string Dims(EquatableArray<int> shape) => "[" + string.Join(", ", shape) + "]";

    private static string Count(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static void Type(SourceWriter w, NetworkModel model)
    {
        var net = model.Network;
        var target = model.Target;
        var macs = net.Steps.Sum(s => s.Macs);
        w.Line($"/// <summary>The ONNX model <c>{Xml(net.Source)}</c> as generated code: input {Dims(net.InputShape)} → output {Dims(net.OutputShape)} per sample, {net.Steps.Count} steps, {Count(macs)} multiply-adds per sample.</summary>");
        w.Line("/// <remarks>");
        w.Line($"/// <para>Written by {Xml(net.Producer.Length > 0 ? net.Producer : "an unnamed producer")}, opset {net.Opset}. {Count(net.Parameters.Count)} parameters (BatchNorm folded into the layers before it) are stored in this assembly.</para>");
        w.Line("/// <para>The network, step by step (ONNX node names; nodes fused into one step are joined by +):</para>");
        w.Line("/// <list type=\"number\">");
        foreach (var step in net.Steps)
            w.Line($"/// <item><description>{Xml(step.Nodes)}: {Xml(step.Description)}{(step.Macs > 0 ? $"; {Count(step.Macs)} multiply-adds" : "")}.</description></item>");
        w.Line("/// </list>");
        w.Line("/// </remarks>");
        using (w.Block($"{target.Keyword} {target.Name}"))
        {
            void Const(string name, int value, string doc)
            {
                w.Line($"/// <summary>{doc}</summary>");
                w.Line(LayerEmitter.GeneratedCode);
                w.Line($"public {LayerEmitter.New(target, name)}const int {name} = {value};");
            }

            Const("InputLength", net.InputLength, $"Elements of one input sample: the model input's shape {Dims(net.InputShape)} without its batch axis, row-major.");
            Const("OutputLength", net.OutputLength, $"Elements of one output sample: the model output's shape {Dims(net.OutputShape)} without its batch axis, row-major.");
            Const("WorkspaceLength", net.WorkspaceLength, "Elements of the workspace a Forward call needs for any number of samples: the intermediate tensors of one sample, placed by liveness so that tensors not alive at the same time share memory.");
            Forward(w, model, withWorkspace: false);
            Forward(w, model, withWorkspace: true);
            ParallelForward(w, model);
            w.Line();
            NetworkSteps.EmitClass(w, net);
        }
    }

    private static void Forward(SourceWriter w, NetworkModel model, bool withWorkspace)
    {
        var net = model.Network;
        var bytes = (long)net.WorkspaceLength * 4;
        var onStack = bytes <= StackLimitBytes;
        w.Line();
        w.Line($"/// <summary>Runs the network on each of the N ≥ 1 samples in <paramref name=\"input\"/>, one after another.</summary>");
        w.Line($"/// <param name=\"input\">N samples of InputLength elements, each {Dims(net.InputShape)} row-major.</param>");
        w.Line($"/// <param name=\"output\">Receives N samples of OutputLength elements, each {Dims(net.OutputShape)} row-major (overwritten).</param>");
        if (withWorkspace)
            w.Line("/// <param name=\"workspace\">Scratch space of WorkspaceLength elements or more (its contents are overwritten); must not overlap <paramref name=\"input\"/> or <paramref name=\"output\"/>.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A length is wrong, a span is empty, the batch sizes differ, or spans overlap.</exception>");
        w.Line(withWorkspace
            ? "/// <remarks>Allocates nothing; thread-safe where each thread passes its own workspace.</remarks>"
            : onStack
                ? $"/// <remarks>The workspace ({Count(bytes)} bytes) is on the stack: allocates nothing; thread-safe.</remarks>"
                : $"/// <remarks>The workspace ({Count(bytes)} bytes) is a buffer per thread, allocated on the thread's first call; thread-safe.</remarks>");
        w.Line(LayerEmitter.GeneratedCode);
        var parameters = $"{Names.ReadOnlySpan}<float> input, {Names.Span}<float> output" + (withWorkspace ? $", {Names.Span}<float> workspace" : "");
        using (w.Block($"public static {LayerEmitter.New(model.Target, "Forward")}void Forward({parameters})"))
        {
            w.Line($"int samples = {Names.Guard}.Samples<float>(input, InputLength, nameof(input));");
            w.Line($"{Names.Guard}.SameSamples<float>(output, samples, OutputLength, nameof(output), nameof(input), nameof(output));");
            w.Line($"{Names.Guard}.NoOverlap<float>(input, output, nameof(input), nameof(output));");
            if (withWorkspace)
            {
                w.Line($"{Names.Guard}.AtLeast<float>(workspace, WorkspaceLength, nameof(workspace));");
                w.Line($"{Names.Guard}.NoOverlap<float>(input, workspace, nameof(input), nameof(workspace));");
                w.Line($"{Names.Guard}.NoOverlap<float>(output, workspace, nameof(output), nameof(workspace));");
                w.Line($"{NetworkClass}.Run(input, output, workspace, samples);");
            }
            else if (onStack)
                w.Line($"{NetworkClass}.Run(input, output, stackalloc float[WorkspaceLength], samples);");
            else
                w.Line($"{NetworkClass}.Run(input, output, {NetworkClass}.ThreadWorkspace(), samples);");
        }
    }

    /// <summary>
    /// <c>Forward(input, output, maxDegreeOfParallelism)</c>: ranges of samples on up to that many threads (the caller's
    /// and the thread pool's), each range run by the two-span Forward on its thread (its own workspace), so the output
    /// is bit for bit that of one thread.
    /// </summary>
    private static void ParallelForward(SourceWriter w, NetworkModel model)
    {
        const string Helper = ParallelMembers.Helper;
        const string Job = Names.ForwardJobClass;
        w.Line();
        w.Line("/// <summary>Forward on up to <paramref name=\"maxDegreeOfParallelism\"/> threads (the caller's and the .NET thread pool's): the samples are");
        w.Line("/// split into ranges, each run as <see cref=\"Forward(global::System.ReadOnlySpan{float}, global::System.Span{float})\"/> runs it, so the output is");
        w.Line("/// bit for bit that of one thread. One sample runs on the calling thread. Nothing is allocated per call once each thread has run it.</summary>");
        w.Line("/// <param name=\"input\">N samples of InputLength elements.</param>");
        w.Line("/// <param name=\"output\">Receives N samples of OutputLength elements (overwritten).</param>");
        w.Line("/// <param name=\"maxDegreeOfParallelism\">The most threads to use, the caller's included: 1 or more (1 runs Forward), or −1 for <see cref=\"global::System.Environment.ProcessorCount\"/>.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A length is wrong, a span is empty, the batch sizes differ, or spans overlap.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"maxDegreeOfParallelism\"/> is 0 or below −1.</exception>");
        w.Line(LayerEmitter.GeneratedCode);
        using (w.Block($"public static {LayerEmitter.New(model.Target, "Forward")}void Forward(global::System.ReadOnlyMemory<float> input, global::System.Memory<float> output, int maxDegreeOfParallelism)"))
        {
            w.Line($"int degree = {Helper}.Degree(maxDegreeOfParallelism, nameof(maxDegreeOfParallelism));");
            w.Line($"int samples = {Names.Guard}.Samples<float>(input.Span, InputLength, nameof(input));");
            using (w.Block("if (degree == 1 || samples == 1)"))
            {
                w.Line("Forward(input.Span, output.Span);");
                w.Line("return;");
            }

            w.Line($"{Names.Guard}.SameSamples<float>(output.Span, samples, OutputLength, nameof(output), nameof(input), nameof(output));");
            w.Line($"{Names.Guard}.NoOverlap<float>(input.Span, output.Span, nameof(input), nameof(output));");
            w.Line($"var job = {Job}.OfThread ??= new {Job}();");
            w.Line("job.Input = input;");
            w.Line("job.Output = output;");
            w.Line("job.Samples = samples;");
            w.Line("job.Units = global::System.Math.Min(samples, 4 * degree);");
            w.Line("job.Invoke(job.Units, degree);");
            w.Line("job.Input = default;");
            w.Line("job.Output = default;");
        }

        using (ParallelMembers.JobClassOpening(w, "its units, ranges of samples", "float", new[] { ("input", false), ("output", true) }))
        {
            w.Line();
            using (w.Block("protected override void Run(int unit)"))
            {
                w.Line($"int n0 = {Helper}.Split(Samples, Units, unit), n1 = {Helper}.Split(Samples, Units, unit + 1);");
                w.Line("Forward(Input.Span.Slice(n0 * InputLength, (n1 - n0) * InputLength), Output.Span.Slice(n0 * OutputLength, (n1 - n0) * OutputLength));");
            }
        }
    }

    /// <summary>The parameters as little-endian bytes in a byte-array literal: a <c>ReadOnlySpan&lt;byte&gt;</c> property over
    /// it reads the assembly's data directly (no allocation, no static constructor).</summary>
    public static void Parameters(SourceWriter w, float[] parameters)
    {
        w.Line("/// <summary>The parameters (weights, biases, constants), float32 little-endian.</summary>");
        w.Line($"private static {Names.ReadOnlySpan}<byte> ParameterBytes => new byte[]");
        w.Line("{");
        var sb = new StringBuilder();
        var span = parameters.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            var v = BitConverter.GetBytes(span[i]);
            if (!BitConverter.IsLittleEndian) Array.Reverse(v);
            foreach (var b in v) sb.Append(b).Append(',');
            if (i % 8 == 7 || i == span.Length - 1)
            {
                w.Line("    " + sb.ToString());
                sb.Clear();
            }
        }

        w.Line("};");
    }
}
