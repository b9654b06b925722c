using ConvGen;

namespace ConvGen.DigitCnn;

// The network: 1×16×16 image → conv 3×3 (8 filters) + LeakyReLU → 2×2 max pooling → conv 3×3 (16 filters) + LeakyReLU
// → 2×2 max pooling → fully connected 256 → 10 logits. LeakyReLU (slope 0.1 below zero, as in YOLO) is fused into
// the convolutions' kernels like ReLU. Each layer's input sizes are the previous layer's generated constants.

/// <summary>8 filters over the 16×16 digit, "same" size: 8×16×16.</summary>
[Conv2D(1, 16, 16, 8, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.LeakyRelu, ActivationAlpha = Network.Slope)]
public static partial class Conv1;

/// <summary>PyTorch's MaxPool2d(2): 8×16×16 → 8×8×8.</summary>
[MaxPool2D(Conv1.OutputChannels, Conv1.OutputHeight, Conv1.OutputWidth, 2, 2)]
public static partial class Pool1;

/// <summary>16 filters, "same" size: 16×8×8.</summary>
[Conv2D(Pool1.OutputChannels, Pool1.OutputHeight, Pool1.OutputWidth, 16, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.LeakyRelu, ActivationAlpha = Network.Slope)]
public static partial class Conv2;

/// <summary>MaxPool2d(2): 16×8×8 → 16×4×4 = 256 features.</summary>
[MaxPool2D(Conv2.OutputChannels, Conv2.OutputHeight, Conv2.OutputWidth, 2, 2)]
public static partial class Pool2;

/// <summary>The classifier, PyTorch's nn.Linear(256, 10): weights 10×256, row-major.</summary>
[Linear(Pool2.OutputLength, 10, Bias = true)]
public static partial class Dense;
