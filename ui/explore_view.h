#pragma once
// The Explore tab: play with a model's latent space. Latent sliders (per dimension, or the top
// principal directions of the encoded data for large latents), condition sliders for conditional
// models, attribute vectors for unconditional ones, click-and-drag on the latent scatter, grids of
// samples / traversals / the manifold, interpolation, editing real images, and side-by-side models.
// All decoding runs on a DecodeService against a snapshot of the weights.
#include "core/data/dataset.h"
#include "core/models/model.h"
#include "core/session/session_file.h"
#include "ui/decode_service.h"
#include "ui/explore_state.h"

#include <QImage>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QTimer;

namespace latentlab::ui {

class ComparePanel;
class DatasetBrowser;
class ImageView;
class InterpolationPanel;
class LatentScatter;
class ManifoldPanel;
class SampleGridPanel;
class ScatterAxes;
class SliderPanel;
class TraversalPanel;

class ExploreView : public QWidget {
    Q_OBJECT
public:
    explicit ExploreView(QWidget* parent = nullptr);
    ~ExploreView() override;

    /// A new snapshot (CPU copy) of the weights with its dataset and test-set codes: after each epoch
    /// and when a checkpoint is opened. The current point and slider settings are kept when the
    /// model's shape is unchanged.
    void setModel(const Model& snapshot, const Dataset& data, const LatentCodes& codes,
                  const std::vector<std::string>& classNames);
    bool hasModel() const { return !m_model.empty(); }
    /// Forgets the model and everything derived from it (point, source image, strip, grids):
    /// another checkpoint or lesson is coming.
    void clearModel();
    /// Encodes an image file (PNG/JPEG, cropped and resized like the dataset) as the current point.
    /// Returns false and shows why when it cannot.
    bool encodeImageFile(const QString& path);
    /// Encodes test image `index` of the dataset as the current point (as a click in the browser does).
    void encodeTestImage(int64_t index);

    /// The current point before the attribute vector is added, and the condition values.
    const std::vector<float>& latentPoint() const { return m_z; }
    const std::vector<float>& condition() const { return m_condition; }
    void setLatentPoint(const std::vector<float>& z);
    void setCondition(const std::vector<float>& condition);
    /// The current point with the attribute vector added: what the main image shows.
    std::vector<float> point() const;
    ExploreState state() const;
    /// What a session file keeps of this view, and restoring it (after setModel).
    ExploreSettings settings() const;
    void applySettings(const ExploreSettings& settings);

    /// Record: while on, every newly shown main image is kept as a frame (the slider-driven morph).
    void setRecording(bool on);
    bool recording() const { return m_recording; }
    const std::vector<QImage>& recordedFrames() const { return m_recorded; }
    /// Presentation mode: hides advanced controls; `caption` explains the view ("" hides it).
    void setPresentation(bool on, const QString& caption = QString());

    DecodeService& decoder() { return m_decoder; }
    SliderPanel* latentSliders() const { return m_latentSliders; }
    SliderPanel* conditionSliders() const { return m_conditionSliders; }
    QComboBox* attributeChoice() const { return m_attribute; }
    /// The scatter's axes: the top two principal directions, or two chosen dimensions (1-based).
    void setScatterDimensions(int dimX, int dimY);
    QSlider* attributeAmount() const { return m_amount; }
    LatentScatter* scatter() const { return m_scatter; }
    ImageView* currentView() const { return m_current; }
    ImageView* sourceView() const { return m_source; }
    QTabWidget* tabs() const { return m_tabs; }
    SampleGridPanel* samplePanel() const { return m_samples; }
    TraversalPanel* traversalPanel() const { return m_traversal; }
    ManifoldPanel* manifoldPanel() const { return m_manifold; }
    InterpolationPanel* interpolationPanel() const { return m_interpolation; }
    DatasetBrowser* datasetBrowser() const { return m_browser; }
    ComparePanel* comparePanel() const { return m_compare; }
    QString statusText() const;
    /// Largest latent shown as one slider per dimension; larger ones get principal directions.
    static constexpr int kDimensionSliderLimit = 16;
    static constexpr int kPrincipalSliders = 10;

signals:
    /// The main image was painted with a newly decoded image.
    void currentImageShown();
    /// Recording was switched off with at least one frame: the main window offers to save it.
    void recordingFinished();

private:
    QWidget* buildControls();
    QWidget* buildImages();
    void rebuildStructure();      // sliders and choices for a new model shape
    void updateBasis();
    void updateAttributeChoices();
    void updateAttributeVector();
    void syncSliders();
    void resetAmount();           // the attribute-vector amount back to 0 without redecoding
    void pointChanged();
    void requestCurrent();
    void refreshPanels();
    void encodeImage(const Image& image, const std::vector<float>& condition, const QString& caption);
    void showStatus(const QString& text, bool error);
    /// The condition a new point starts from: class 0, or a combination from the data.
    std::vector<float> defaultCondition() const;
    /// The source image and caption of test image `index` (false when out of range).
    bool testImageSource(int64_t index, Image& image, QString& caption) const;
    /// An image file prepared like the dataset (false, with the reason shown, when it cannot be).
    bool fileSource(const QString& path, Image& image);
    /// Shows a session's source image again without encoding it.
    void restoreSource(const ExploreSettings& settings);
    /// The user moved the point: interpolation playback stops.
    void userEdit();

    DecodeService m_decoder;
    Model m_model;
    Dataset m_data;
    LatentCodes m_codes;
    std::vector<std::string> m_classNames;
    LatentBasis m_basis;
    std::vector<float> m_z, m_condition, m_attributeVector;
    float m_amountValue = 0;
    QString m_shapeKey;          // latent size, condition names: a change rebuilds the sliders
    quint64 m_randomSeed = 1;

    QStackedWidget* m_stack;
    QLabel* m_latentTitle = nullptr;
    SliderPanel* m_latentSliders = nullptr;
    QCheckBox* m_showAll = nullptr;
    QGroupBox* m_conditionBox = nullptr;
    SliderPanel* m_conditionSliders = nullptr;
    QGroupBox* m_attributeBox = nullptr;
    QComboBox* m_attribute = nullptr;
    QSlider* m_amount = nullptr;
    QLabel* m_amountLabel = nullptr;
    ImageView* m_current = nullptr;
    ImageView* m_source = nullptr;
    QLabel* m_sourceCaption = nullptr;
    QLabel* m_status = nullptr;
    LatentScatter* m_scatter = nullptr;
    ScatterAxes* m_axes = nullptr;
    QTabWidget* m_tabs = nullptr;
    SampleGridPanel* m_samples = nullptr;
    TraversalPanel* m_traversal = nullptr;
    ManifoldPanel* m_manifold = nullptr;
    InterpolationPanel* m_interpolation = nullptr;
    DatasetBrowser* m_browser = nullptr;
    ComparePanel* m_compare = nullptr;
    QTimer* m_panelTimer = nullptr;
    QPushButton* m_record = nullptr;
    QLabel* m_caption = nullptr;
    bool m_recording = false;
    int64_t m_sourceIndex = -1;  // the source image: a test image, or a file (what sessions keep)
    QString m_sourceFile;
    std::vector<QImage> m_recorded;
};

} // namespace latentlab::ui
