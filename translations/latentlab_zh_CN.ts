<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackgroundJob</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>Bookmarks</name>
    <message>
        <source>Bookmark %1</source>
        <translation>书签 %1</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>Add checkpoint…</source>
        <translation>添加检查点…</translation>
    </message>
    <message>
        <source>Compare up to three models trained on this dataset (for example an AE, a VAE and a CVAE)</source>
        <translation>对比最多三个在此数据集上训练的模型（例如 AE、VAE 和 CVAE）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>The same latent point decoded by each model, and where it falls in each model&apos;s latent space.</source>
        <translation>同一个潜空间点经各模型解码的结果，以及它在各模型潜空间中的位置。</translation>
    </message>
    <message>
        <source>Add checkpoint to compare</source>
        <translation>添加要对比的检查点</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2, latent %3, %4 epochs</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2，潜变量维度 %3，%4 轮</translation>
    </message>
    <message>
        <source>latent size %1 differs from the explored model&apos;s %2</source>
        <translation>潜变量维度 %1 与正在探索的模型（%2）不同</translation>
    </message>
</context>
<context>
    <name>Comparisons</name>
    <message>
        <source>At most %1 checkpoints side by side: press Clear first.</source>
        <translation>最多并排对比 %1 个检查点：请先按“清除”。</translation>
    </message>
    <message>
        <source>Train a model or open a checkpoint first: the comparison uses its dataset.</source>
        <translation>请先训练模型或打开检查点：对比会使用其数据集。</translation>
    </message>
    <message>
        <source>%1 was trained on %2x%3x%4 images; the dataset shown has %5x%6x%7.</source>
        <translation>%1 在 %2x%3x%4 图像上训练；当前显示的数据集为 %5x%6x%7。</translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <source>Latent size</source>
        <translation>潜变量维度</translation>
    </message>
    <message>
        <source>Dimensions of the latent code</source>
        <translation>潜码的维数</translation>
    </message>
    <message>
        <source>dimensions</source>
        <translation>维</translation>
    </message>
    <message>
        <source>Beta</source>
        <translation>Beta</translation>
    </message>
    <message>
        <source>Weight of the KL term (1 = VAE, &gt;1 = beta-VAE)</source>
        <translation>KL 项的权重（1 = VAE，&gt;1 = beta-VAE）</translation>
    </message>
    <message>
        <source>KL warm-up</source>
        <translation>KL 预热</translation>
    </message>
    <message>
        <source>Epochs over which beta ramps up from 0</source>
        <translation>beta 从 0 逐渐升到目标值所用的轮数</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Optimizer step size</source>
        <translation>优化器步长</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Images per optimizer step</source>
        <translation>每个优化步的图像数</translation>
    </message>
    <message>
        <source>images</source>
        <translation>张图像</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Total epochs to train (including those of an opened checkpoint)</source>
        <translation>训练的总轮数（包括已打开检查点中的轮次）</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Same seed and settings give the same run</source>
        <translation>相同的种子和设置得到相同的训练结果</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>CPU threads for training (0 = all cores)</source>
        <translation>训练用的 CPU 线程数（0 = 全部核心）</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>个线程</translation>
    </message>
    <message>
        <source>Small convolutional autoencoder with an 8x2x2 code: Conv-ReLU-MaxPool x2, ConvTranspose decoder, tanh output, MSE.</source>
        <translation>小型卷积自编码器，潜码为 8x2x2：Conv-ReLU-MaxPool x2，ConvTranspose 解码器，tanh 输出，MSE。</translation>
    </message>
    <message>
        <source>Convolutional beta-VAE (beta = 8) for 64x64 dSprites in disentanglement_lib&apos;s shape (4 convolutions 32-32-64-64, fc 256, 10-d latent, BCE): watch dimensions switch off and score the codes against the true factors.</source>
        <translation>用于 64x64 dSprites 的卷积 beta-VAE（beta = 8），结构同 disentanglement_lib（4 层卷积 32-32-64-64，全连接 256，10 维潜变量，BCE）：观察维度逐个关闭，并以真实因子为准给潜码打分。</translation>
    </message>
    <message>
        <source>Convolutional conditional VAE for 3x64x64 faces, 16-d latent, conditioned on the dataset&apos;s attributes (CelebA&apos;s 40) at every convolution; beta 4 from the first step, so that the attributes go through the condition, not the code.</source>
        <translation>用于 3x64x64 人脸的卷积条件 VAE，16 维潜变量，每层卷积都以数据集的属性（CelebA 的 40 个）为条件；从第一步起 beta 为 4，使属性信息走条件而非潜码。</translation>
    </message>
    <message>
        <source>Convolutional VAE for 3x64x64 faces, 16-d latent, unconditional: edit faces with attribute vectors (add smile, add glasses).</source>
        <translation>用于 3x64x64 人脸的卷积 VAE，16 维潜变量，无条件：用属性向量编辑人脸（加微笑、加眼镜）。</translation>
    </message>
    <message>
        <source>Convolutional VAE for 28x28: two strided convolutions with leaky ReLU and dropout, 16-d latent, MSE(sum) + KL.</source>
        <translation>用于 28x28 图像的卷积 VAE：两层带步长的卷积，leaky ReLU 与 dropout，16 维潜变量，MSE(sum) + KL。</translation>
    </message>
    <message>
        <source>Deep dense autoencoder 784-512-256-128-64-32, LeakyReLU + Dropout(0.5) after each layer, mirrored decoder, sigmoid output, BCE, Nadam.</source>
        <translation>深层全连接自编码器 784-512-256-128-64-32，每层后接 LeakyReLU + Dropout(0.5)，镜像解码器，sigmoid 输出，BCE，Nadam。</translation>
    </message>
    <message>
        <source>Autoencoder with a 3-d code: 784-128-64-12-3 ReLU encoder, mirrored decoder, tanh output on inputs scaled to [-1, 1], MSE.</source>
        <translation>3 维潜码的自编码器：784-128-64-12-3 ReLU 编码器，镜像解码器，输入缩放到 [-1, 1]，tanh 输出，MSE。</translation>
    </message>
    <message>
        <source>The mlp-vae network as a plain autoencoder: 784-400-20 ReLU with a linear code layer, sigmoid output, BCE(sum), no KL term, Adam 1e-3, batch 128.</source>
        <translation>把 mlp-vae 网络当作普通自编码器：784-400-20 ReLU，线性潜码层，sigmoid 输出，BCE(sum)，无 KL 项，Adam 1e-3，批大小 128。</translation>
    </message>
    <message>
        <source>beta-VAE (beta = 4) on the 784-400-10 MLP: fewer, more disentangled active latent dimensions.</source>
        <translation>784-400-10 MLP 上的 beta-VAE（beta = 4）：活跃的潜变量维度更少、更解耦。</translation>
    </message>
    <message>
        <source>Conditional VAE on digits: 784-400-20 MLP, one-hot class label fed to encoder head and decoder.</source>
        <translation>手写数字上的条件 VAE：784-400-20 MLP，one-hot 类别标签输入编码器头部和解码器。</translation>
    </message>
    <message>
        <source>The classic PyTorch VAE example: 784-400-20, ReLU, sigmoid output, BCE(sum) + KL, Adam 1e-3, batch 128.</source>
        <translation>经典的 PyTorch VAE 示例：784-400-20，ReLU，sigmoid 输出，BCE(sum) + KL，Adam 1e-3，批大小 128。</translation>
    </message>
</context>
<context>
    <name>DatasetBrowser</name>
    <message>
        <source>page </source>
        <translation>页码 </translation>
    </message>
    <message>
        <source>Click a test image to encode it; the sliders then edit it. You can also drop a PNG or JPEG file on the window.</source>
        <translation>点击一张测试图像进行编码，然后用滑块编辑它。也可以把 PNG 或 JPEG 文件拖到窗口上。</translation>
    </message>
    <message>
        <source>No dataset loaded</source>
        <translation>未加载数据集</translation>
    </message>
    <message>
        <source>%1 test images</source>
        <translation>%1 张测试图像</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>%1: stop training before opening a session</source>
        <translation>%1：打开会话前请先停止训练</translation>
    </message>
    <message>
        <source>%1: its checkpoint %2 is missing</source>
        <translation>%1：其检查点 %2 不存在</translation>
    </message>
    <message>
        <source>following %1</source>
        <translation>正在跟踪 %1</translation>
    </message>
    <message>
        <source>LatentLab</source>
        <translation>LatentLab</translation>
    </message>
    <message>
        <source>LatentLab — %1</source>
        <translation>LatentLab — %1</translation>
    </message>
</context>
<context>
    <name>Exploration</name>
    <message>
        <source>test image %1</source>
        <translation>测试图像 %1</translation>
    </message>
    <message>
        <source>Train a model or open a checkpoint before encoding %1</source>
        <translation>编码 %1 之前，请先训练模型或打开检查点</translation>
    </message>
    <message>
        <source>%1: this model takes %2x%3 images; only square inputs can be prepared from files</source>
        <translation>%1：此模型的输入为 %2x%3 图像；从文件只能准备正方形输入</translation>
    </message>
    <message>
        <source>%1: this build cannot read image files (built without OpenCV)</source>
        <translation>%1：此版本无法读取图像文件（构建时未包含 OpenCV）</translation>
    </message>
    <message>
        <source>The session&apos;s attribute &quot;%1&quot; is not in this dataset</source>
        <translation>会话中的属性“%1”不在此数据集中</translation>
    </message>
    <message>
        <source>The session&apos;s selection names codes this model&apos;s test set lacks: they were left out</source>
        <translation>会话中的选择包含此模型测试集中没有的潜码：这些已被略去</translation>
    </message>
    <message>
        <source>Encoding the training images: %L1 of %L2…</source>
        <translation>正在编码训练图像：%L1 / %L2…</translation>
    </message>
    <message>
        <source>Encoded the %L1 training images</source>
        <translation>已编码 %L1 张训练图像</translation>
    </message>
    <message>
        <source>Encoding the training images failed: %1</source>
        <translation>编码训练图像失败：%1</translation>
    </message>
</context>
<context>
    <name>ExplorePoint</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>class: %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>Bookmark &quot;%1&quot; belongs to a model with %2 latent dimensions; this one has %3</source>
        <translation>书签“%1”属于潜变量维度为 %2 的模型；当前模型为 %3</translation>
    </message>
    <message>
        <source>Bookmark &quot;%1&quot;: its attribute &quot;%2&quot; is not in this dataset</source>
        <translation>书签“%1”：其属性“%2”不在此数据集中</translation>
    </message>
    <message>
        <source>toward the selection (%1 points)</source>
        <translation>朝向所选点（%1 个点）</translation>
    </message>
</context>
<context>
    <name>ExploreView</name>
    <message>
        <source>Train a model or open a checkpoint (File ▸ Open checkpoint) to explore its latent space: sliders, sample grids, interpolations, and editing your own images.</source>
        <translation>训练一个模型或打开检查点（文件 ▸ 打开检查点），即可探索其潜空间：滑块、样本网格、插值，以及编辑你自己的图像。</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Traversal</source>
        <translation>遍历</translation>
    </message>
    <message>
        <source>Manifold</source>
        <translation>流形</translation>
    </message>
    <message>
        <source>Interpolation</source>
        <translation>插值</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Nearest</source>
        <translation>最近邻</translation>
    </message>
    <message>
        <source>The real images whose codes lie nearest the shown point</source>
        <translation>潜码离所示点最近的真实图像</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>停止录制</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>The decoded current point: follows the sliders, the scatter and the interpolation</source>
        <translation>当前点的解码结果：随滑块、散点图和插值变化</translation>
    </message>
    <message>
        <source>Pick a test image (Dataset tab) or drop an image file to edit it</source>
        <translation>选择一张测试图像（数据集标签页）或拖入图像文件来编辑它</translation>
    </message>
    <message>
        <source>Record the main image as you drag sliders or the scatter marker; stop to save a video or GIF</source>
        <translation>拖动滑块或散点图标记时录制主图像；停止后可保存为视频或 GIF</translation>
    </message>
    <message>
        <source>Source image</source>
        <translation>源图像</translation>
    </message>
    <message>
        <source>Click anywhere (empty regions too) to decode that point; drag to morph. The wheel zooms, a right drag pans</source>
        <translation>点击任意位置（空白区域也可以）解码该点；拖动可连续变形。滚轮缩放，右键拖动平移</translation>
    </message>
    <message>
        <source>Scatter axes: the top two principal directions, or two chosen latent dimensions (the manifold grid spans the same two), or a t-SNE map that keeps neighbours together (it converges on a worker thread; a click takes the nearest code)</source>
        <translation>散点图坐标轴：前两个主方向，或两个选定的潜变量维度（流形网格也取这两维），或让近邻聚在一起的 t-SNE 图（在工作线程中收敛；点击时取最近的潜码）</translation>
    </message>
    <message>
        <source>Axes</source>
        <translation>坐标轴</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全图</translation>
    </message>
    <message>
        <source>test image %1 %2 | rebuilt</source>
        <translation>测试图像 %1 %2 | 重建</translation>
    </message>
    <message>
        <source>training image %1 %2 | rebuilt</source>
        <translation>训练图像 %1 %2 | 重建</translation>
    </message>
    <message>
        <source>Show the whole cloud again after zooming or panning (in 3-D: the first camera again)</source>
        <translation>缩放或平移后重新显示整个点云（三维视图：回到初始视角）</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Current image…</source>
        <translation>当前图像…</translation>
    </message>
    <message>
        <source>Export current image</source>
        <translation>导出当前图像</translation>
    </message>
    <message>
        <source>Sample grid…</source>
        <translation>样本网格…</translation>
    </message>
    <message>
        <source>Export sample grid</source>
        <translation>导出样本网格</translation>
    </message>
    <message>
        <source>Traversal grid…</source>
        <translation>遍历网格…</translation>
    </message>
    <message>
        <source>Export traversal grid</source>
        <translation>导出遍历网格</translation>
    </message>
    <message>
        <source>Manifold grid…</source>
        <translation>流形网格…</translation>
    </message>
    <message>
        <source>Export manifold grid</source>
        <translation>导出流形网格</translation>
    </message>
    <message>
        <source>Interpolation strip…</source>
        <translation>插值条带…</translation>
    </message>
    <message>
        <source>Export interpolation strip</source>
        <translation>导出插值条带</translation>
    </message>
    <message>
        <source>Reconstruction grid…</source>
        <translation>重建网格…</translation>
    </message>
    <message>
        <source>Export reconstruction grid</source>
        <translation>导出重建网格</translation>
    </message>
    <message>
        <source>Interpolation video or GIF…</source>
        <translation>插值视频或 GIF…</translation>
    </message>
    <message>
        <source>Recorded morph as video or GIF…</source>
        <translation>录制的变形（视频或 GIF）…</translation>
    </message>
    <message>
        <source>Latent codes (CSV)…</source>
        <translation>潜码（CSV）…</translation>
    </message>
    <message>
        <source>Export latent codes</source>
        <translation>导出潜码</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Loss history (CSV)…</source>
        <translation>损失历史（CSV）…</translation>
    </message>
    <message>
        <source>Export loss history</source>
        <translation>导出损失历史</translation>
    </message>
    <message>
        <source>Bookmarks (CSV)…</source>
        <translation>书签（CSV）…</translation>
    </message>
    <message>
        <source>Weights for PyTorch…</source>
        <translation>PyTorch 权重…</translation>
    </message>
    <message>
        <source>Export weights for PyTorch</source>
        <translation>导出 PyTorch 权重</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pt)</source>
        <translation>PyTorch 权重 (*.pt)</translation>
    </message>
    <message>
        <source>Export weights</source>
        <translation>导出权重</translation>
    </message>
    <message>
        <source>That panel shows nothing yet.</source>
        <translation>该面板尚无内容。</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export recorded morph</source>
        <translation>导出录制的变形</translation>
    </message>
    <message>
        <source>Export interpolation</source>
        <translation>导出插值</translation>
    </message>
    <message>
        <source>Nothing recorded yet: press Record in the Explore view and drag a slider.</source>
        <translation>尚未录制：请在探索视图中按“录制”，然后拖动滑块。</translation>
    </message>
    <message>
        <source>Video or GIF (*.mp4 *.avi *.gif)</source>
        <translation>视频或 GIF (*.mp4 *.avi *.gif)</translation>
    </message>
    <message>
        <source>%1: that panel shows nothing yet</source>
        <translation>%1：该面板尚无内容</translation>
    </message>
    <message>
        <source>%1: set the interpolation&apos;s end points A and B first (Explore ▸ Interpolation)</source>
        <translation>%1：请先设置插值的端点 A 和 B（探索 ▸ 插值）</translation>
    </message>
    <message>
        <source>%1: nothing recorded</source>
        <translation>%1：没有录制内容</translation>
    </message>
    <message>
        <source>%1: no model yet (train one or open a checkpoint)</source>
        <translation>%1：还没有模型（请训练一个或打开检查点）</translation>
    </message>
    <message>
        <source>%1: no epoch has finished yet</source>
        <translation>%1：尚未完成任何一轮</translation>
    </message>
    <message>
        <source>Export bookmarks</source>
        <translation>导出书签</translation>
    </message>
    <message>
        <source>%1: there are no bookmarks yet (Bookmarks &gt; Add bookmark)</source>
        <translation>%1：还没有书签（书签 &gt; 添加书签）</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>This system&apos;s FFmpeg has no H.264 encoder, so it cannot write an MP4 that browsers and slide software play. Save it as an animated GIF instead (%1)?</source>
        <translation>本系统的 FFmpeg 没有 H.264 编码器，无法写出浏览器和演示软件能播放的 MP4。改为保存成 GIF 动画（%1）吗？</translation>
    </message>
    <message>
        <source>Scatter map (CSV)…</source>
        <translation>散点图布局（CSV）…</translation>
    </message>
    <message>
        <source>Export the scatter&apos;s map</source>
        <translation>导出散点图布局</translation>
    </message>
    <message>
        <source>%1: the map is still converging (%2 of %3); export it once it is done</source>
        <translation>%1：映射仍在收敛（%2/%3）；请在完成后再导出</translation>
    </message>
</context>
<context>
    <name>GridPanel</name>
    <message>
        <source>Train a model or open a checkpoint</source>
        <translation>请训练模型或打开检查点</translation>
    </message>
</context>
<context>
    <name>InterpolationPanel</name>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>A ← current</source>
        <translation>A ← 当前</translation>
    </message>
    <message>
        <source>Use the current point (encoded image, clicked point or slider settings) as the start</source>
        <translation>将当前点（编码的图像、点击的点或滑块设置）作为起点</translation>
    </message>
    <message>
        <source>B ← current</source>
        <translation>B ← 当前</translation>
    </message>
    <message>
        <source>Use the current point as the end</source>
        <translation>将当前点作为终点</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>spherical (slerp)</source>
        <translation>球面（slerp）</translation>
    </message>
    <message>
        <source>Spherical interpolation keeps codes at a typical distance from the origin, where a VAE&apos;s prior has its mass</source>
        <translation>球面插值让潜码与原点保持典型距离，即 VAE 先验的概率质量所在之处</translation>
    </message>
    <message>
        <source>steps </source>
        <translation>步数 </translation>
    </message>
    <message>
        <source>Morph from A to B: the main image follows</source>
        <translation>从 A 变形到 B：主图像随之变化</translation>
    </message>
    <message>
        <source>Morph back and forth between A and B</source>
        <translation>在 A 和 B 之间来回变形</translation>
    </message>
    <message>
        <source>Set A and B from the current point (encode an image or click the scatter, then press A ← current; again for B)</source>
        <translation>用当前点设置 A 和 B（编码图像或点击散点图，再按“A ← 当前”；B 同理）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>A: not set</source>
        <translation>A：未设置</translation>
    </message>
    <message>
        <source>A set; B: not set</source>
        <translation>A 已设置；B：未设置</translation>
    </message>
    <message>
        <source>A and B set</source>
        <translation>A 和 B 已设置</translation>
    </message>
</context>
<context>
    <name>LatentScatter</name>
    <message>
        <source>Test-set latent means, projected to 2-D by PCA, coloured by class</source>
        <translation>测试集的潜变量均值，经 PCA 投影到二维，按类别着色</translation>
    </message>
    <message>
        <source>PC 1</source>
        <translation>PC 1</translation>
    </message>
    <message>
        <source>PC 2</source>
        <translation>PC 2</translation>
    </message>
    <message>
        <source>z %1</source>
        <translation>z %1</translation>
    </message>
    <message>
        <source>t-SNE 1</source>
        <translation>t-SNE 1</translation>
    </message>
    <message>
        <source>t-SNE 2</source>
        <translation>t-SNE 2</translation>
    </message>
    <message>
        <source>z 1</source>
        <translation>z 1</translation>
    </message>
    <message>
        <source>z 2</source>
        <translation>z 2</translation>
    </message>
    <message>
        <source>UMAP 1</source>
        <translation>UMAP 1</translation>
    </message>
    <message>
        <source>UMAP 2</source>
        <translation>UMAP 2</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>Next lesson ▸</source>
        <translation>下一课 ▸</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>Loss per epoch: total, reconstruction and KL on the training and test sets; the faint line is the running train loss within the epoch</source>
        <translation>每轮损失：训练集和测试集上的总损失、重建损失和 KL；浅色线为本轮内的实时训练损失</translation>
    </message>
    <message>
        <source>train total</source>
        <translation>训练总损失</translation>
    </message>
    <message>
        <source>test total</source>
        <translation>测试总损失</translation>
    </message>
    <message>
        <source>train recon.</source>
        <translation>训练重建</translation>
    </message>
    <message>
        <source>train KL</source>
        <translation>训练 KL</translation>
    </message>
    <message>
        <source>running</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>LatentLab</source>
        <translation>LatentLab</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Explore</source>
        <translation>探索</translation>
    </message>
    <message>
        <source>Play with the latent space of the model being trained (updated each epoch) or of an opened checkpoint</source>
        <translation>探索正在训练的模型（每轮更新）或已打开检查点的潜空间</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Cannot train</source>
        <translation>无法训练</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟踪</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>%1 images/s</source>
        <translation>%1 张图像/秒</translation>
    </message>
    <message>
        <source>Press Train (Space) to train a VAE on MNIST digits, or open a lesson from the Lessons menu.</source>
        <translation>按“训练”（Space）在 MNIST 手写数字上训练 VAE，或从“课程”菜单打开一节课。</translation>
    </message>
    <message>
        <source>Follow run</source>
        <translation>跟踪运行</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open checkpoint…</source>
        <translation>打开检查点(&amp;O)…</translation>
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>&amp;Follow run…</source>
        <translation>跟踪运行(&amp;F)…</translation>
    </message>
    <message>
        <source>Follow a run folder</source>
        <translation>跟踪运行文件夹</translation>
    </message>
    <message>
        <source>Show a run that latentlab-cli (here, on a server or distributed) writes into a folder, epoch by epoch</source>
        <translation>显示 latentlab-cli（在本机、服务器上或分布式）逐轮写入文件夹的训练运行</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save checkpoint as…</source>
        <translation>检查点另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>Save checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <source>No epoch has finished yet.</source>
        <translation>尚未完成任何一轮。</translation>
    </message>
    <message>
        <source>&amp;Encode image…</source>
        <translation>编码图像(&amp;E)…</translation>
    </message>
    <message>
        <source>Encode image</source>
        <translation>编码图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
    <message>
        <source>Encode your own image in the Explore view and edit it with the sliders</source>
        <translation>在探索视图中编码你自己的图像，并用滑块编辑它</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Train / Pause</source>
        <translation>训练 / 暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Explore</source>
        <translation>探索(&amp;E)</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>训练已停止</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Training is running. Stop it and quit? Finished epochs are saved in %1.</source>
        <translation>训练正在进行。要停止并退出吗？已完成的轮次保存在 %1 中。</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Bookmarks</source>
        <translation>书签(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Add bookmark…</source>
        <translation>添加书签(&amp;A)…</translation>
    </message>
    <message>
        <source>Add bookmark</source>
        <translation>添加书签</translation>
    </message>
    <message>
        <source>Name of the current point:</source>
        <translation>当前点的名称：</translation>
    </message>
    <message>
        <source>Bookmark %1</source>
        <translation>书签 %1</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Rename bookmark</source>
        <translation>重命名书签</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Export as CSV…</source>
        <translation>导出为 CSV…</translation>
    </message>
    <message>
        <source>Qt %1</source>
        <translation>Qt %1</translation>
    </message>
    <message>
        <source>idle (Train picks CUDA when a GPU is present)</source>
        <translation>空闲（有 GPU 时训练使用 CUDA）</translation>
    </message>
    <message>
        <source>&lt;h3&gt;LatentLab %1&lt;/h3&gt;&lt;p&gt;Train autoencoders and VAEs and explore their latent space.&lt;/p&gt;&lt;p&gt;License: GNU General Public License, version 3 or later (GPL-3.0-or-later).&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;Training device: %3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;LatentLab %1&lt;/h3&gt;&lt;p&gt;训练自编码器和 VAE，并探索它们的潜空间。&lt;/p&gt;&lt;p&gt;许可证：GNU 通用公共许可证第 3 版或更高版本（GPL-3.0-or-later）。&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;训练设备：%3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Leave presentation mode</source>
        <translation>退出演示模式</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>文档(&amp;D)</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>The documentation is installed with the package in %1 (README.md and docs/).</source>
        <translation>文档随软件包安装在 %1 中（README.md 和 docs/）。</translation>
    </message>
    <message>
        <source>&amp;About LatentLab</source>
        <translation>关于 LatentLab(&amp;A)</translation>
    </message>
    <message>
        <source>About LatentLab</source>
        <translation>关于 LatentLab</translation>
    </message>
    <message>
        <source>Open &amp;session or lesson…</source>
        <translation>打开会话或课程(&amp;S)…</translation>
    </message>
    <message>
        <source>LatentLab sessions (*.json)</source>
        <translation>LatentLab 会话 (*.json)</translation>
    </message>
    <message>
        <source>Save s&amp;ession as…</source>
        <translation>会话另存为(&amp;E)…</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>LatentLab sessions (*.latentlab.json *.json)</source>
        <translation>LatentLab 会话 (*.latentlab.json *.json)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>(no lessons found: is share/latentlab beside the program?)</source>
        <translation>（未找到课程：share/latentlab 是否在程序旁边？）</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Recorded %1 frames: File ▸ Export ▸ Recorded morph saves them as a video or GIF</source>
        <translation>已录制 %1 帧：“文件 ▸ 导出 ▸ 录制的变形”可将其保存为视频或 GIF</translation>
    </message>
    <message>
        <source>Saved session %1</source>
        <translation>已保存会话 %1</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>LatentLab uses the new language from its next start. Restart now?</source>
        <translation>LatentLab 将在下次启动时使用新语言。现在重启吗？</translation>
    </message>
    <message>
        <source>Export cancelled: %1 was not written</source>
        <translation>导出已取消：未写入 %1</translation>
    </message>
</context>
<context>
    <name>ManifoldPanel</name>
    <message>
        <source>grid </source>
        <translation>网格 </translation>
    </message>
    <message>
        <source>Decodes an N x N grid over the scatter&apos;s visible region (its two axes, through the current point)</source>
        <translation>在散点图的可见区域上解码 N x N 网格（沿其两个坐标轴，经过当前点）</translation>
    </message>
</context>
<context>
    <name>NeighboursPanel</name>
    <message>
        <source>test images</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <source>training images</source>
        <translation>训练图像</translation>
    </message>
    <message>
        <source>Search the test images, or the training images (encoded once per model): a decoded point that looks just like its nearest training image suggests the model copies its data</source>
        <translation>搜索测试图像或训练图像（每个模型只编码一次）：若解码出的点与最近的训练图像几乎一样，说明模型在照搬训练数据</translation>
    </message>
    <message>
        <source>nearest </source>
        <translation>近邻数 </translation>
    </message>
    <message>
        <source>The real images whose codes lie nearest the shown point, nearest first</source>
        <translation>潜码离所示点最近的真实图像，由近到远</translation>
    </message>
    <message>
        <source>Train a model or open a checkpoint</source>
        <translation>请训练模型或打开检查点</translation>
    </message>
    <message>
        <source>Encoding the training images…</source>
        <translation>正在编码训练图像…</translation>
    </message>
    <message>
        <source>Distances in latent space: %1</source>
        <translation>潜空间中的距离：%1</translation>
    </message>
</context>
<context>
    <name>PointControls</name>
    <message>
        <source>Attribute vector</source>
        <translation>属性向量</translation>
    </message>
    <message>
        <source>Mean code of the test images with the attribute minus the mean of those without: adding it moves the point toward the attribute</source>
        <translation>有该属性的测试图像的平均潜码减去无该属性者的平均潜码：加上它会使点向该属性移动</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>强度</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>The values the conditional model is asked to show: 0 = without, 1 = with; beyond 1 exaggerates</source>
        <translation>要求条件模型呈现的值：0 = 无，1 = 有；大于 1 则夸大</translation>
    </message>
    <message>
        <source>Latent</source>
        <translation>潜变量</translation>
    </message>
    <message>
        <source>show all dimensions</source>
        <translation>显示所有维度</translation>
    </message>
    <message>
        <source>One slider per latent dimension instead of the top principal directions</source>
        <translation>每个潜变量维度一个滑块，而非只显示前几个主方向</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to the mean code</source>
        <translation>回到平均潜码</translation>
    </message>
    <message>
        <source>Randomize</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Random slider settings (each a standard normal draw)</source>
        <translation>随机设置滑块（每个取自标准正态分布）</translation>
    </message>
    <message>
        <source>Weight of class %1 (one-hot in training)</source>
        <translation>类别 %1 的权重（训练时为 one-hot）</translation>
    </message>
    <message>
        <source>%1: 0 = without, 1 = with</source>
        <translation>%1：0 = 无，1 = 有</translation>
    </message>
    <message>
        <source>Top %1 principal directions of the encoded test images (of %2 dimensions), in standard deviations</source>
        <translation>编码后测试图像的前 %1 个主方向（共 %2 维），单位为标准差</translation>
    </message>
    <message>
        <source>%1 latent dimensions, in standard deviations of the encoded test images</source>
        <translation>%1 个潜变量维度，单位为编码后测试图像的标准差</translation>
    </message>
    <message>
        <source>PC %1</source>
        <translation>PC %1</translation>
    </message>
    <message>
        <source>z %1</source>
        <translation>z %1</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Vertical scroll bar</source>
        <translation>垂直滚动条</translation>
    </message>
    <message>
        <source>Horizontal scroll bar</source>
        <translation>水平滚动条</translation>
    </message>
    <message>
        <source>Scroll left</source>
        <translation>向左滚动</translation>
    </message>
    <message>
        <source>Scroll right</source>
        <translation>向右滚动</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Nearest-neighbour upscaling: small images stay crisp</source>
        <translation>最近邻放大：小图像保持清晰</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>optional text under the image</source>
        <translation>图像下方的可选文字</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>说明文字</translation>
    </message>
    <message>
        <source>there and back (loops smoothly)</source>
        <translation>往返（平滑循环）</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Frames per second</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>Loss per epoch: reconstruction (how well images come back) plus KL (how close the codes stay to a standard normal). Lower is better; the gap to test loss shows overfitting.</source>
        <translation>每轮损失：重建（图像还原得多好）加 KL（潜码离标准正态分布多近）。越低越好；与测试损失的差距反映过拟合。</translation>
    </message>
    <message>
        <source>Latent space: every test image&apos;s code, flattened to 2-D and coloured by its label. Similar images land close together.</source>
        <translation>潜空间：每张测试图像的潜码，降到二维并按标签着色。相似的图像彼此靠近。</translation>
    </message>
    <message>
        <source>Reconstruction: test images (top) and what the model rebuilds from their codes (bottom).</source>
        <translation>重建：测试图像（上）与模型从其潜码重建的结果（下）。</translation>
    </message>
    <message>
        <source>KL per latent dimension: how much information each dimension carries. Near 0 = unused.</source>
        <translation>各潜变量维度的 KL：每个维度携带多少信息。接近 0 = 未使用。</translation>
    </message>
    <message>
        <source>Decoding: move the sliders or click the scatter to pick a code and see the image it decodes to.</source>
        <translation>解码：移动滑块或点击散点图来选取潜码，查看它解码出的图像。</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>RunFollower</name>
    <message>
        <source>%1: not a folder (follow the run&apos;s folder, the one that holds its checkpoint)</source>
        <translation>%1：不是文件夹（请跟踪该运行的文件夹，即存放其检查点的文件夹）</translation>
    </message>
    <message>
        <source>%1: the run&apos;s status file was removed (its writer could not finish it: a full disk?)</source>
        <translation>%1：该运行的状态文件已被删除（写入程序未能完成写入：磁盘已满？）</translation>
    </message>
    <message>
        <source>%1/status.json says the run is at epoch %2 of %3, but no program writes %1 any more (its writer was killed or lost)</source>
        <translation>%1/status.json 显示运行处于第 %2 轮（共 %3 轮），但已没有程序写入 %1（写入程序被终止或已丢失）</translation>
    </message>
</context>
<context>
    <name>SampleGridPanel</name>
    <message>
        <source>grid </source>
        <translation>网格 </translation>
    </message>
    <message>
        <source>N x N random samples</source>
        <translation>N x N 个随机样本</translation>
    </message>
    <message>
        <source>New seed</source>
        <translation>新种子</translation>
    </message>
    <message>
        <source>Draw new random codes</source>
        <translation>抽取新的随机潜码</translation>
    </message>
    <message>
        <source>Random samples from the prior (VAE) or from the codes&apos; spread (AE)</source>
        <translation>从先验（VAE）或潜码的分布范围（AE）中随机采样</translation>
    </message>
</context>
<context>
    <name>Scatter3D</name>
    <message>
        <source>The 3-D view needs OpenGL, which this display does not offer.</source>
        <translation>三维视图需要 OpenGL，而当前显示环境不提供。</translation>
    </message>
    <message>
        <source>3-D scatter of the codes: a left drag rotates, the wheel zooms, a click picks a point</source>
        <translation>潜码的三维散点图：左键拖动旋转，滚轮缩放，点击选取一个点</translation>
    </message>
    <message>
        <source>not matching the search</source>
        <translation>不匹配搜索</translation>
    </message>
    <message>
        <source>the current point</source>
        <translation>当前点</translation>
    </message>
</context>
<context>
    <name>ScatterAxes</name>
    <message>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <source>dimensions</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>t-SNE</source>
        <translation>t-SNE</translation>
    </message>
    <message>
        <source>Latent dimension on this axis</source>
        <translation>此坐标轴上的潜变量维度</translation>
    </message>
    <message>
        <source>UMAP</source>
        <translation>UMAP</translation>
    </message>
    <message>
        <source>perplexity </source>
        <translation>困惑度 </translation>
    </message>
    <message>
        <source>t-SNE: how many neighbours each point weighs (its neighbourhood&apos;s effective size); the map restarts</source>
        <translation>t-SNE：每个点考虑多少个近邻（其邻域的有效大小）；更改后重新计算映射</translation>
    </message>
    <message>
        <source>neighbours </source>
        <translation>近邻数 </translation>
    </message>
    <message>
        <source>UMAP: the size of each point&apos;s neighbourhood; more keeps more of the global layout; the map restarts</source>
        <translation>UMAP：每个点的邻域大小；越大越能保留整体布局；更改后重新计算映射</translation>
    </message>
    <message>
        <source>min dist </source>
        <translation>最小距离 </translation>
    </message>
    <message>
        <source>UMAP: how tightly points may pack; small values give tight clusters; the map restarts</source>
        <translation>UMAP：点可以挤得多紧；值越小，簇越紧凑；更改后重新计算映射</translation>
    </message>
    <message>
        <source>PCA, 3 axes</source>
        <translation>PCA，三个轴</translation>
    </message>
    <message>
        <source>3-D view: the codes along their top three principal directions, or a 3-D t-SNE or UMAP map</source>
        <translation>三维视图：潜码沿其前三个主方向展开，或三维 t-SNE 或 UMAP 图</translation>
    </message>
    <message>
        <source>z 1</source>
        <translation>z 1</translation>
    </message>
    <message>
        <source>z 1-%1</source>
        <translation>z 1-%1</translation>
    </message>
    <message>
        <source>3-D view: the code&apos;s own values on the axes (a code of fewer than three lies flat), or a 3-D t-SNE or UMAP map</source>
        <translation>三维视图：各轴上是潜码本身的值（少于三维的潜码平铺在其中），或三维 t-SNE 或 UMAP 图</translation>
    </message>
</context>
<context>
    <name>ScatterCodes</name>
    <message>
        <source>The scatter shows all %1 codes: the test images first, then the training images</source>
        <translation>散点图显示全部 %1 个潜码：先是测试图像，然后是训练图像</translation>
    </message>
    <message>
        <source>Encoding the %1 training images for the scatter…</source>
        <translation>正在为散点图编码 %1 张训练图像…</translation>
    </message>
</context>
<context>
    <name>ScatterLayout</name>
    <message>
        <source>t-SNE: mapping %1 codes…</source>
        <translation>t-SNE：正在映射 %1 个潜码…</translation>
    </message>
    <message>
        <source>t-SNE map of %1 codes: %2 iterations in %3 s</source>
        <translation>%1 个潜码的 t-SNE 图：%2 次迭代，用时 %3 秒</translation>
    </message>
    <message>
        <source>This build has no t-SNE or UMAP (they need libnanoflann-dev)</source>
        <translation>此版本不含 t-SNE 和 UMAP（需要 libnanoflann-dev）</translation>
    </message>
    <message>
        <source>UMAP: mapping %1 codes…</source>
        <translation>UMAP：正在映射 %1 个潜码…</translation>
    </message>
    <message>
        <source>UMAP map of %1 codes: %2 epochs in %3 s</source>
        <translation>%1 个潜码的 UMAP 映射：%2 轮，用时 %3 秒</translation>
    </message>
    <message>
        <source>UMAP 1</source>
        <translation>UMAP 1</translation>
    </message>
    <message>
        <source>UMAP 2</source>
        <translation>UMAP 2</translation>
    </message>
    <message>
        <source>UMAP 3</source>
        <translation>UMAP 3</translation>
    </message>
    <message>
        <source>z 1</source>
        <translation>z 1</translation>
    </message>
    <message>
        <source>z 2</source>
        <translation>z 2</translation>
    </message>
    <message>
        <source>z 3</source>
        <translation>z 3</translation>
    </message>
    <message>
        <source>PC 1</source>
        <translation>PC 1</translation>
    </message>
    <message>
        <source>PC 2</source>
        <translation>PC 2</translation>
    </message>
    <message>
        <source>PC 3</source>
        <translation>PC 3</translation>
    </message>
    <message>
        <source>t-SNE 1</source>
        <translation>t-SNE 1</translation>
    </message>
    <message>
        <source>t-SNE 2</source>
        <translation>t-SNE 2</translation>
    </message>
    <message>
        <source>t-SNE 3</source>
        <translation>t-SNE 3</translation>
    </message>
    <message>
        <source>A map of %1 codes would take too long here: maps take at most %2 codes (latentlab-cli map does any number)</source>
        <translation>为 %1 个潜码做映射在这里耗时太久：映射最多处理 %2 个潜码（latentlab-cli map 可处理任意数量）</translation>
    </message>
</context>
<context>
    <name>ScatterModes</name>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>3-D</source>
        <translation>三维</translation>
    </message>
    <message>
        <source>All codes</source>
        <translation>全部潜码</translation>
    </message>
    <message>
        <source>Zoomed in (the wheel; a right drag pans), draw each point as its image, framed in its class colour</source>
        <translation>放大后（滚轮；右键拖动平移），把每个点画成它的图像，边框为其类别颜色</translation>
    </message>
    <message>
        <source>Show the training images&apos; codes too, after the test images&apos; (encoded once per model); the images, the hover and the maps follow</source>
        <translation>同时显示训练图像的潜码，排在测试图像之后（每个模型编码一次）；图像、悬停预览和映射都会随之更新</translation>
    </message>
    <message>
        <source>Show the codes in three dimensions: a 3-D code as it is, a larger one along its top three principal directions, or a 3-D t-SNE or UMAP map. A left drag rotates, the wheel zooms, a click on a point decodes it</source>
        <translation>以三维显示潜码：三维潜码按原样显示，更高维的沿其前三个主方向显示，或显示三维 t-SNE 或 UMAP 映射。左键拖动旋转，滚轮缩放，点击一个点即可解码</translation>
    </message>
</context>
<context>
    <name>ScatterSearch</name>
    <message>
        <source>Select</source>
        <translation>框选</translation>
    </message>
    <message>
        <source>Search: 7, Smiling &amp; not Male</source>
        <translation>搜索：7、Smiling &amp; not Male</translation>
    </message>
    <message>
        <source>Highlight the codes of a class (its name or number) or with an attribute; combine with &amp; (and), | (or) and not</source>
        <translation>高亮某一类（类名或编号）或带某属性的潜码；可用 &amp;（且）、|（或）和 not（非）组合</translation>
    </message>
    <message>
        <source>Drag a rectangle on the scatter to select the highlighted codes inside it</source>
        <translation>在散点图上拖出矩形，选中其中高亮的潜码</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>所选</translation>
    </message>
    <message>
        <source>Select the matches</source>
        <translation>选中所有匹配</translation>
    </message>
    <message>
        <source>Go to its mean</source>
        <translation>跳到其均值</translation>
    </message>
    <message>
        <source>Bookmark its mean</source>
        <translation>将其均值加入书签</translation>
    </message>
    <message>
        <source>Mean of %1 selected</source>
        <translation>%1 个所选点的均值</translation>
    </message>
    <message>
        <source>Attribute vector toward it</source>
        <translation>以其为属性向量的方向</translation>
    </message>
    <message>
        <source>Clear the selection</source>
        <translation>清除选择</translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation>已选 %1 个</translation>
    </message>
    <message>
        <source>Codes that match the search, of all the scatter&apos;s codes; or how many are selected</source>
        <translation>与搜索匹配的潜码数 / 散点图中的潜码总数；或已选中的数量</translation>
    </message>
    <message>
        <source>Isolate: draw only the highlighted codes</source>
        <translation>只显示匹配：只绘制高亮的潜码</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>SetupPanel</name>
    <message>
        <source>Setup</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Model architecture, loss and optimizer (resources/presets)</source>
        <translation>模型架构、损失和优化器（resources/presets）</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>auto: CUDA when available, else all CPU cores</source>
        <translation>auto：有 CUDA 时用 CUDA，否则用全部 CPU 核心</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Dataset spec: mnist, fashion-mnist, synthfaces[:N], celeba:FOLDER, images:FOLDER, idx:IMAGES,LABELS</source>
        <translation>数据集规格：mnist, fashion-mnist, synthfaces[:N], celeba:FOLDER, images:FOLDER, idx:IMAGES,LABELS</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>Choose a folder: IDX files (MNIST layout), CelebA, or any folder of images</source>
        <translation>选择文件夹：IDX 文件（MNIST 布局）、CelebA 或任意图像文件夹</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>数据集文件夹</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>); editable while training</source>
        <translation>)；训练中可修改</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Start training (Space)</source>
        <translation>开始训练（Space）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause or resume at the next batch (Space)</source>
        <translation>在下一批次暂停或继续（Space）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current batch; the last finished epoch is kept</source>
        <translation>当前批次结束后停止；保留最后完成的一轮</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Train one more epoch, then pause (for demos)</source>
        <translation>再训练一轮后暂停（用于演示）</translation>
    </message>
    <message>
        <source>Progress over all epochs</source>
        <translation>全部轮次的进度</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>TrainViews</name>
    <message>
        <source>Look back at earlier epochs&apos; scatter and reconstructions</source>
        <translation>回看之前各轮的散点图和重建结果</translation>
    </message>
    <message>
        <source>Epoch view</source>
        <translation>轮次视图</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>refresh </source>
        <translation>刷新间隔 </translation>
    </message>
    <message>
        <source>refresh: epoch ends</source>
        <translation>刷新：每轮结束时</translation>
    </message>
    <message>
        <source>Seconds of training between refreshes of the reconstructions, the scatter (first %1 test images) and the KL bars within an epoch; the loss curve shows the running loss</source>
        <translation>一轮之内，重建图、散点图（前 %1 张测试图像）和 KL 柱状图每隔多少秒训练刷新一次；损失曲线显示实时损失</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation>损失轴使用对数刻度</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Colour the scatter by class label or by one attribute</source>
        <translation>按类别标签或某个属性为散点图着色</translation>
    </message>
    <message>
        <source>Project the latent means by PCA or show two chosen latent dimensions</source>
        <translation>用 PCA 投影潜变量均值，或显示两个选定的潜变量维度</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>着色依据</translation>
    </message>
    <message>
        <source>Fixed test images (top) and their reconstructions (bottom)</source>
        <translation>固定的测试图像（上）及其重建（下）</translation>
    </message>
    <message>
        <source>KL divergence per latent dimension on the test set: dimensions near 0 are unused</source>
        <translation>测试集上各潜变量维度的 KL 散度：接近 0 的维度未被使用</translation>
    </message>
    <message>
        <source>latent dimension</source>
        <translation>潜变量维度</translation>
    </message>
    <message>
        <source>KL (nats)</source>
        <translation>KL (nats)</translation>
    </message>
    <message>
        <source>Disentanglement of the test codes against the data&apos;s ground-truth factors, per epoch (MIG, SAP, DCI disentanglement; 1 = each factor in a dimension of its own)</source>
        <translation>每轮测试潜码相对数据真实因子的解耦程度（MIG、SAP、DCI 解耦度；1 = 每个因子独占一个维度）</translation>
    </message>
    <message>
        <source>MIG</source>
        <translation>MIG</translation>
    </message>
    <message>
        <source>SAP</source>
        <translation>SAP</translation>
    </message>
    <message>
        <source>DCI-D</source>
        <translation>DCI-D</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Epoch %1: MIG %2, SAP %3, DCI %4 / %5 / %6, active units %7 of %8</source>
        <translation>第 %1 轮：MIG %2，SAP %3，DCI %4 / %5 / %6，活跃单元 %7/%8</translation>
    </message>
    <message>
        <source>Only one epoch&apos;s views so far in this run: more appear as it trains</source>
        <translation>本次运行目前只有一轮的视图：训练继续时会出现更多</translation>
    </message>
    <message>
        <source>Epoch view: %1</source>
        <translation>轮次视图：%1</translation>
    </message>
</context>
<context>
    <name>TrainingSession</name>
    <message>
        <source>%1 cannot change now</source>
        <translation>%1 现在不能修改</translation>
    </message>
    <message>
        <source>This architecture fixes the latent size at %1.</source>
        <translation>此架构将潜变量维度固定为 %1。</translation>
    </message>
    <message>
        <source>A plain autoencoder has no KL term, so beta does not apply.</source>
        <translation>普通自编码器没有 KL 项，因此 beta 不适用。</translation>
    </message>
    <message>
        <source>Needs a dataset with attributes (synthfaces, celeba:FOLDER).</source>
        <translation>需要带属性的数据集（synthfaces、celeba:FOLDER）。</translation>
    </message>
    <message>
        <source>Choose a dataset.</source>
        <translation>请选择数据集。</translation>
    </message>
    <message>
        <source>%1 conditions on face attributes: use synthfaces or celeba:FOLDER.</source>
        <translation>%1 以人脸属性为条件：请使用 synthfaces 或 celeba:FOLDER。</translation>
    </message>
    <message>
        <source>%1 is built for 28x28 gray images; faces are 64x64 RGB (use an MLP preset or conv-cvae-faces).</source>
        <translation>%1 面向 28x28 灰度图像；人脸为 64x64 RGB（请使用 MLP 预设或 conv-cvae-faces）。</translation>
    </message>
    <message>
        <source>%1 is built for 64x64 RGB faces; digits are 28x28 gray.</source>
        <translation>%1 面向 64x64 RGB 人脸；数字为 28x28 灰度图像。</translation>
    </message>
    <message>
        <source>Training is already running</source>
        <translation>训练已在进行中</translation>
    </message>
    <message>
        <source>paused: epoch %1/%2, batch %3/%4</source>
        <translation>已暂停：第 %1/%2 轮，批次 %3/%4</translation>
    </message>
    <message>
        <source>stopping after this batch…</source>
        <translation>本批次结束后停止…</translation>
    </message>
    <message>
        <source>epoch %1/%2, batch %3/%4, %5 left</source>
        <translation>第 %1/%2 轮，批次 %3/%4，剩余 %5</translation>
    </message>
    <message>
        <source>failed after epoch %1: %2</source>
        <translation>第 %1 轮后失败：%2</translation>
    </message>
    <message>
        <source>stopped after epoch %1 of %2</source>
        <translation>在第 %1/%2 轮后停止</translation>
    </message>
    <message>
        <source>finished: 1 epoch</source>
        <translation>已完成：1 轮</translation>
    </message>
    <message>
        <source>finished: %1 epochs</source>
        <translation>已完成：%1 轮</translation>
    </message>
    <message>
        <source>Stop training before opening a checkpoint.</source>
        <translation>打开检查点前请先停止训练。</translation>
    </message>
    <message>
        <source>No epoch has finished yet.</source>
        <translation>尚未完成任何一轮。</translation>
    </message>
    <message>
        <source>%1: cannot write the checkpoint</source>
        <translation>%1：无法写入检查点</translation>
    </message>
    <message>
        <source>Stop training before following a run.</source>
        <translation>跟踪运行前请先停止训练。</translation>
    </message>
    <message>
        <source>following %1: waiting for its first epoch</source>
        <translation>正在跟踪 %1：等待第一轮</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>following: epoch %1 of %2</source>
        <translation>跟踪中：第 %1/%2 轮</translation>
    </message>
    <message>
        <source>Epoch %1 of %2 arrived from %3</source>
        <translation>已从 %3 收到第 %1 轮（共 %2 轮）</translation>
    </message>
    <message>
        <source>The followed run ended (%1) but its checkpoint cannot be shown: %2</source>
        <translation>跟踪的运行已结束（%1），但无法显示其检查点：%2</translation>
    </message>
    <message>
        <source>The followed run ended (%1 after %2 epochs) but %3 does not exist</source>
        <translation>跟踪的运行已结束（%1，已训练 %2 轮），但 %3 不存在</translation>
    </message>
    <message>
        <source>The followed run finished: %1 epochs (%2)</source>
        <translation>跟踪的运行已完成：%1 轮（%2）</translation>
    </message>
    <message>
        <source>The followed run was stopped after epoch %1 of %2 (%3)</source>
        <translation>跟踪的运行在第 %1/%2 轮后被停止（%3）</translation>
    </message>
    <message>
        <source>The followed run failed after epoch %1: %2 (%3)</source>
        <translation>跟踪的运行在第 %1 轮后失败：%2（%3）</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>%1: %2 %</source>
        <translation>%1：%2%</translation>
    </message>
    <message>
        <source>Stopped while loading the dataset</source>
        <translation>加载数据集时已停止</translation>
    </message>
    <message>
        <source>Stopped after %1 epochs</source>
        <translation>在 %1 轮后停止</translation>
    </message>
    <message>
        <source>Opened %1 (%2 epochs trained)</source>
        <translation>已打开 %1（已训练 %2 轮）</translation>
    </message>
    <message>
        <source>Finished 1 epoch</source>
        <translation>已完成 1 轮</translation>
    </message>
    <message>
        <source>Finished %1 epochs</source>
        <translation>已完成 %1 轮</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Out of memory: the data or the model does not fit in this machine&apos;s memory (try fewer images, a smaller batch or a smaller model)</source>
        <translation>内存不足：数据或模型超出了本机内存（请尝试减少图像、减小批大小或使用更小的模型）</translation>
    </message>
</context>
<context>
    <name>TraversalPanel</name>
    <message>
        <source>rows </source>
        <translation>行数 </translation>
    </message>
    <message>
        <source>How many slider axes to traverse (one per row)</source>
        <translation>要遍历多少个滑块轴（每行一个）</translation>
    </message>
    <message>
        <source>steps </source>
        <translation>步数 </translation>
    </message>
    <message>
        <source>Each row sweeps one slider axis from -3 to +3 standard deviations around the current point</source>
        <translation>每行在当前点附近将一个滑块轴从 -3 扫到 +3 个标准差</translation>
    </message>
    <message>
        <source>PC %1</source>
        <translation>PC %1</translation>
    </message>
    <message>
        <source>z %1</source>
        <translation>z %1</translation>
    </message>
</context>
</TS>
