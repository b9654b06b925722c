using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Onnx;

/// <summary>Why a model cannot be imported: the node (its name, or "#index" where it has none) and operator, and the reason.</summary>
internal sealed record OnnxProblem(string Node, string OpType, string Reason)
{
    public override string ToString() => OpType.Length == 0 ? Reason : $"node '{Node}' ({OpType}): {Reason}";
}

/// <summary>
/// The first stage of importing a model: what SPEC's "Whole trained models" contract accepts, checked on the graph
/// as read, before any shape is computed. One float32 input (graph inputs an initializer also names are weights, as
/// older exporters wrote them) and one float32 output; the input's shape static except a leading batch axis of 1 or
/// symbolic; opsets 6 to 21; only the listed operators of the default domain, only the attributes ONNX defines for
/// them (AveragePool's dilations excepted), and none of the forms that mix samples or need training mode. Every
/// problem is reported, not only the first.
/// </summary>
internal static class OnnxSupport
{
    public const int MinOpset = 6, MaxOpset = 21;

    /// <summary>Each supported operator and the attributes ONNX gives it in opsets 6–21 (including the legacy ones).</summary>
    private static readonly Dictionary<string, string[]> Operators = new()
    {
        ["Conv"] = ["auto_pad", "dilations", "group", "kernel_shape", "pads", "strides"],
        ["ConvTranspose"] = ["auto_pad", "dilations", "group", "kernel_shape", "output_padding", "output_shape", "pads", "strides"],
        ["BatchNormalization"] = ["epsilon", "momentum", "spatial", "is_test", "training_mode"],
        ["Relu"] = [],
        ["Clip"] = ["min", "max"],
        ["LeakyRelu"] = ["alpha"],
        ["Sigmoid"] = [],
        ["Tanh"] = [],
        ["HardSigmoid"] = ["alpha", "beta"],
        ["HardSwish"] = [],
        ["Add"] = ["axis", "broadcast"],
        ["Sub"] = ["axis", "broadcast"],
        ["Mul"] = ["axis", "broadcast"],
        ["Div"] = ["axis", "broadcast"],
        ["MaxPool"] = ["auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides"],
        ["AveragePool"] = ["auto_pad", "ceil_mode", "count_include_pad", "dilations", "kernel_shape", "pads", "strides"],
        ["GlobalAveragePool"] = [],
        ["GlobalMaxPool"] = [],
        ["Flatten"] = ["axis"],
        ["Reshape"] = ["allowzero"],
        ["Squeeze"] = ["axes"],
        ["Unsqueeze"] = ["axes"],
        ["Transpose"] = ["perm"],
        ["Gemm"] = ["alpha", "beta", "transA", "transB", "broadcast"],
        ["MatMul"] = [],
        ["Softmax"] = ["axis"],
        // Beyond the contract's list: the global pooling PyTorch's x.mean(-1) and x.amax(...) export as.
        ["ReduceMean"] = ["axes", "keepdims", "noop_with_empty_axes"],
        ["ReduceMax"] = ["axes", "keepdims", "noop_with_empty_axes"],
        ["Concat"] = ["axis"],
        ["Pad"] = ["mode", "pads", "value"],
        ["Identity"] = [],
        ["Dropout"] = ["ratio", "is_test", "seed"],
        ["Constant"] = ["value", "value_float", "value_floats", "value_int", "value_ints"],
        // The shape arithmetic an exporter emits, evaluated at build time (on run-time data they are refused later).
        ["Shape"] = ["start", "end"],
        ["Gather"] = ["axis"],
        ["Cast"] = ["to", "saturate"],
        ["Slice"] = ["starts", "ends", "axes"],
        ["ConstantOfShape"] = ["value"],
        ["Range"] = [],
        ["Equal"] = [],
        ["Where"] = [],
        ["Expand"] = [],
    };

    /// <summary>Whether the default domain's <paramref name="opType"/> is one ConvGen imports.</summary>
    public static bool IsSupportedOperator(string opType) => Operators.ContainsKey(opType);

    public static IReadOnlyList<OnnxProblem> Check(OnnxGraph graph)
    {
        var problems = new List<OnnxProblem>();
        void Model(string reason) => problems.Add(new OnnxProblem("", "", reason));

        if (graph.OpsetVersion is < MinOpset or > MaxOpset)
            Model($"the model uses opset {graph.OpsetVersion} of the default domain; ConvGen reads opsets {MinOpset} to {MaxOpset}");

        var weights = new HashSet<string>(graph.Initializers.Select(t => t.Name));
        var inputs = graph.Inputs.Where(i => !weights.Contains(i.Name)).ToArray();
        if (inputs.Length != 1)
            Model($"the model has {inputs.Length} inputs ({Names(inputs.Select(i => i.Name))}); ConvGen takes one");
        if (graph.Outputs.Count != 1)
            Model($"the model has {graph.Outputs.Count} outputs ({Names(graph.Outputs.Select(o => o.Name))}); ConvGen gives one");
        foreach (var value in inputs.Concat(graph.Outputs).Where(v => v.ElementType != OnnxDataType.Float))
            Model($"'{value.Name}' is {value.ElementType.ToString().ToLowerInvariant()}; ConvGen's inputs and outputs are float32");
        if (inputs.Length == 1) CheckInputShape(inputs[0], Model);

        for (var i = 0; i < graph.Nodes.Count; i++)
            CheckNode(graph, graph.Nodes[i], i, problems);
        return problems;
    }

    private static void CheckInputShape(OnnxValueInfo input, System.Action<string> report)
    {
        if (input.Shape is not { } shape)
        {
            report($"input '{input.Name}' has no shape in the file; ConvGen needs static sizes");
            return;
        }

        if (shape.Count == 0) report($"input '{input.Name}' is a scalar; ConvGen needs a tensor with a batch axis");
        for (var d = 1; d < shape.Count; d++)
            if (!shape[d].IsFixed)
                report($"input '{input.Name}' has a dynamic shape: axis {d} is '{shape[d]}' (only the leading batch axis may be symbolic)");
        if (shape.Count > 0 && shape[0].Param is null && shape[0].Value > 1)
            report($"input '{input.Name}' has a fixed batch of {shape[0].Value}; export it with a batch of 1 or a symbolic batch axis");
    }

    private static void CheckNode(OnnxGraph graph, OnnxNode node, int index, List<OnnxProblem> problems)
    {
        var name = node.Name.Length > 0 ? node.Name : "#" + index;
        void Report(string reason) => problems.Add(new OnnxProblem(name, node.OpType, reason));

        if (node.Domain is not ("" or "ai.onnx"))
        {
            Report($"operator '{node.Domain}.{node.OpType}' is not supported (only the default ONNX domain is)");
            return;
        }

        if (!Operators.TryGetValue(node.OpType, out var known))
        {
            Report($"operator '{node.OpType}' is not supported");
            return;
        }

        foreach (var attribute in node.Attributes.Where(a => !known.Contains(a.Name)))
            Report($"attribute '{attribute.Name}' is not an attribute of {node.OpType} that ConvGen knows");

        long Int(string attribute, long otherwise) => node.Attributes.FirstOrDefault(a => a.Name == attribute) is { } a ? a.Int : otherwise;
        var used = node.Outputs.Skip(1).Where(o => o.Length > 0 && IsConsumed(graph, o)).ToArray();
        switch (node.OpType)
        {
            case "MaxPool" when used.Length > 0:
                Report($"its second output (the indices, '{used[0]}') is not supported");
                break;
            case "AveragePool" when node.Attributes.FirstOrDefault(a => a.Name == "dilations") is { } d && d.Ints.Any(v => v != 1):
                Report($"dilations [{string.Join(", ", d.Ints)}] are not supported on AveragePool");
                break;
            case "BatchNormalization" when Int("training_mode", 0) != 0 || used.Length > 0:
                Report("training mode (running statistics as outputs) is not supported: export the model in eval mode");
                break;
            case "BatchNormalization" when Int("spatial", 1) != 1:
                Report("spatial = 0 (statistics per element) is not supported");
                break;
            case "Dropout" when used.Length > 0:
                Report($"its mask output ('{used[0]}') is not supported: export the model in eval mode");
                break;
            case "Gemm" when Int("transA", 0) != 0:
                Report("transA = 1 mixes the batch axis with the features");
                break;
            case "Pad" when node.Attributes.FirstOrDefault(a => a.Name == "mode") is { } mode && mode.String is not ("constant" or "reflect" or "edge"):
                Report($"mode '{mode.String}' is not supported (constant, reflect and edge are)");
                break;
            case "Cast" when (OnnxDataType)Int("to", 1) is OnnxDataType.String or OnnxDataType.Float16 or OnnxDataType.BFloat16 or OnnxDataType.Complex64 or OnnxDataType.Complex128 or OnnxDataType.Undefined or > OnnxDataType.BFloat16:
                Report($"Cast to {((OnnxDataType)Int("to", 1) is var to && to <= OnnxDataType.BFloat16 ? to.ToString().ToLowerInvariant() : "type " + (int)to)} is not supported (float, double, integers and bool are)");
                break;
            case "Conv" or "ConvTranspose" or "MaxPool" or "AveragePool" when node.Attributes.FirstOrDefault(a => a.Name == "auto_pad") is { } pad && pad.String is not ("NOTSET" or "VALID" or "SAME_UPPER" or "SAME_LOWER"):
                Report($"auto_pad '{pad.String}' is not one ONNX defines");
                break;
        }
    }

    private static bool IsConsumed(OnnxGraph graph, string value) =>
        graph.Outputs.Any(o => o.Name == value) || graph.Nodes.Any(n => n.Inputs.Contains(value));

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));
}
