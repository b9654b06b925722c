using System;
using Microsoft.ML.OnnxRuntime;

namespace ConvGen.PeerBenchmarks;

/// <summary>One ONNX Runtime session over a one-node model, its input and output bound once to managed arrays
/// (pinned, no copy): <see cref="Run"/> allocates nothing, it only calls <c>RunWithBinding</c>.</summary>
public sealed class OrtRunner : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly OrtIoBinding _binding;

    /// <param name="model">A serialized ModelProto with input X and output Y.</param>
    /// <param name="singleThread">One intra-op and one inter-op thread; otherwise ORT's default (0: every core).</param>
    public OrtRunner(byte[] model, bool singleThread, float[] input, long[] inputShape, float[] output, long[] outputShape, string inputName = "X", string outputName = "Y")
    {
        _options = new SessionOptions
        {
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        if (singleThread)
        {
            _options.IntraOpNumThreads = 1;
            _options.InterOpNumThreads = 1;
        }

        _session = new InferenceSession(model, _options);
        _runOptions = new RunOptions();
        _input = OrtValue.CreateTensorValueFromMemory(input, inputShape);
        _output = OrtValue.CreateTensorValueFromMemory(output, outputShape);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(inputName, _input);
        _binding.BindOutput(outputName, _output);
    }

    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    public void Dispose()
    {
        _binding.Dispose();
        _output.Dispose();
        _input.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _options.Dispose();
    }
}
