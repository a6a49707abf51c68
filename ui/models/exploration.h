// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the Explore tab explores, owned by one QObject with no widgets: the model snapshot with its
// dataset and test-set codes, the point (ExplorePoint: latent vector, condition, basis, attribute
// vector, with its undo history and bookmarks), the scatter's layout, the interpolation, the source
// image, the checkpoints compared side by side, the newest decoded image of every channel and the
// recording of the main image. Widgets render it, send edits to it and repaint on its signals;
// another model resets everything derived from the old one here, in clear(). Everything it shows
// is restorable from ExploreSettings (sessions).
#include "core/data/dataset.h"
#include "core/models/model.h"
#include "core/session/session_file.h"
#include "ui/models/comparisons.h"
#include "ui/models/decode_service.h"
#include "ui/models/explore_point.h"
#include "ui/models/explore_state.h"
#include "ui/models/interpolation.h"
#include "ui/models/nearest_images.h"
#include "ui/models/point_selection.h"
#include "ui/models/recorder.h"
#include "ui/models/scatter_codes.h"
#include "ui/models/scatter_layout.h"
#include "ui/models/source_image.h"

#include <QImage>
#include <QObject>
#include <QPointF>
#include <QStringList>

#include <atomic>
#include <map>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

namespace latentlab::ui {

class Exploration : public QObject {
    Q_OBJECT
public:
    explicit Exploration(QObject* parent = nullptr);
    ~Exploration() override;

    // --- The model -------------------------------------------------------------------------------
    /// A new snapshot (CPU copy) of the weights with its dataset and test-set codes: after each epoch
    /// and when a checkpoint is opened. The point and settings are kept while the shape is the same.
    void setModel(const Model& snapshot, const Dataset& data, const LatentCodes& codes,
                  const std::vector<std::string>& classNames);
    /// Forgets the model and everything derived from it: another checkpoint or lesson is coming.
    void clear();
    bool hasModel() const { return !m_model.empty(); }
    const Model& model() const { return m_model; }
    const Dataset& data() const { return m_data; }
    const LatentCodes& codes() const { return m_scatter.codes(); }
    const std::vector<std::string>& classNames() const { return m_classNames; }
    /// Decodes what a view shows (a grid, the hovered image, a compared model's image); views never
    /// reach the decode thread themselves.
    void requestDecode(DecodeRequest request);
    /// The decode thread, for tests (hold it, wait until it is idle): views use requestDecode.
    DecodeService& decoder() { return m_decoder; }

    // --- The point -------------------------------------------------------------------------------
    /// The point, its condition, slider basis and attribute vector, with their undo history and
    /// bookmarks: edit it there, and the main image follows (pointChanged, then imageDecoded).
    ExplorePoint& point() { return m_point; }
    const ExplorePoint& point() const { return m_point; }
    /// A click at (x, y) in the scatter's plane: that place in the plane, the codes' mean in every
    /// other direction, so that the shown point (attribute vector included) lands under the cursor.
    void pickScatter(const QPointF& at);
    /// Code `index` becomes the point (a click on a map or in the 3-D view).
    void pickCode(int64_t index);
    /// The condition a new point starts from: class 0, or a real test image's attribute combination.
    std::vector<float> defaultCondition() const;

    // --- Scatter ---------------------------------------------------------------------------------
    /// The codes and their layout (a plane or a t-SNE map), the zoomed view and thumbnails mode,
    /// shared with the Train tab's scatter; setModel hands it the codes.
    ScatterLayout& scatter() { return m_scatter; }
    const ScatterLayout& scatter() const { return m_scatter; }
    /// Where z lands on the scatter: on the linear projection, or on the t-SNE map (at the point of
    /// its nearest code).
    QPointF project(const std::vector<float>& z) const;

    /// The scatter's search and selection (highlight, isolate, a rectangle of codes).
    PointSelection& selection() { return m_selection; }
    /// The selection's mean code becomes the point (one undo step); false without a selection.
    bool goToSelectionMean();
    /// Which codes the scatter shows (the test codes, or all), and the image of each.
    ScatterCodes& scatterCodes() { return m_codes; }
    // --- Nearest images ----------------------------------------------------------------------------
    NearestImages& neighbours() { return m_neighbours; }


    // --- Interpolation ---------------------------------------------------------------------------
    /// End points A and B, the path, the morph position and the player; moving along the path
    /// moves the point (each end in its own condition).
    Interpolation& interpolation() { return m_interpolation; }
    const Interpolation& interpolation() const { return m_interpolation; }

    // --- Source image ----------------------------------------------------------------------------
    /// Encodes test image `index` with its own condition (as a click in the dataset browser does).
    void encodeTestImage(int64_t index);
    /// Encodes an image file (cropped and resized like the dataset) in the default condition.
    /// Returns false, with the reason as an error status, when it cannot.
    bool encodeImageFile(const QString& path);
    const SourceImage& source() const { return m_source; }

    // --- Compared checkpoints --------------------------------------------------------------------
    Comparisons& comparisons() { return m_comparisons; }

    // --- Decoded images and recording ------------------------------------------------------------
    /// The newest image decoded on `channel` for this model (null when none yet).
    QImage decodedImage(int channel) const;
    QImage currentImage() const { return decodedImage(kChannelCurrent); }
    /// Record (every new main image a frame); setRecording starts it from the image shown now.
    void setRecording(bool on) { m_recorder.setRecording(on, currentImage()); }
    Recorder& recorder() { return m_recorder; }

    // --- Status, state, settings -----------------------------------------------------------------
    const QString& status() const { return m_status; }
    bool statusIsError() const { return m_statusError; }
    /// What the grid panels decode from (the scatter's visible region is the view's to add).
    ExploreState state() const;
    ExploreSettings settings() const;
    /// Restores settings() (after setModel): a session, later a bookmark. Settings with a source
    /// test image but no point (a lesson that trains its model) start at that image's code, not
    /// recorded as an undo step.
    void applySettings(const ExploreSettings& settings);
    /// The tab a view shows ("" = its default), kept so a session reopens on it.
    void setTab(const QString& tab);
    const QString& tab() const { return m_tab; }

signals:
    /// A new snapshot; `reshaped` when the latent size or the conditions differ (sliders rebuild).
    void modelChanged(bool reshaped);
    /// Everything was forgotten (another model is coming).
    void cleared();
    void basisChanged();
    /// The point, the condition or the amount changed.
    void pointChanged();
    void attributeChanged();
    /// The scatter's codes, axes or layout changed (scatter() has them).
    void scatterChanged();
    /// A new image for a channel (the main image: kChannelCurrent).
    void imageDecoded(const latentlab::ui::DecodedImage& image);
    void statusChanged();
    void tabChanged();

private:
    /// The interpolation moved to position t: that point on the path is shown.
    void showPathPoint(double t);
    void emitPoint();
    void setStatus(const QString& text, bool error);
    void setSource(const Image& image, const QString& caption, int64_t index, const QString& file);
    /// Encodes image to the point, as an undoable edit or not (a lesson's start, a re-encode);
    /// follow: encode it again with each new model until the user edits (test images).
    void encode(const Image& image, const std::vector<float>& condition, bool asEdit, bool follow);
    bool testImageSource(int64_t index, Image& image, QString& caption) const;
    std::vector<float> testImageCondition(int64_t index) const; // empty for an unconditional model
    bool fileSource(const QString& path, Image& image);
    void restoreSource(const ExploreSettings& settings);
    void warnForeignSelection(); // a session's selection named codes these codes lack
    void encodeSourceAgain(const std::vector<float>& condition); // not as an edit
    void leaveSourceCode(); // the point moved away by the user (or the player): stop following
    void onDecoded(const DecodedImage& image);

    DecodeService m_decoder;
    Model m_model;
    Dataset m_data;
    ScatterLayout m_scatter;
    ScatterCodes m_codes {m_scatter};
    std::vector<int> m_pendingSelection; // a session's selection of training codes, until they are encoded
    bool m_settingModel = false; // setModel hands the scatter its codes: its own signals follow
    std::vector<std::string> m_classNames;
    QString m_shapeKey; // latent size and condition names: a change rebuilds the sliders
    ExplorePoint m_point {m_scatter};

    Interpolation m_interpolation;

    SourceImage m_source;
    bool m_pointIsSourceCode = false; // untouched since the source test image was encoded: a new
                                      // model of the same shape (the next epoch) encodes it again
    uint64_t m_edits = 0;             // user edits and undo steps so far: an encode that was not
                                      // asked for by the user is dropped if one came after it

    Comparisons m_comparisons {m_decoder};
    std::map<int, QImage> m_images;
    Recorder m_recorder;
    QString m_status;
    bool m_statusError = false;
    QString m_tab;

    NearestImages m_neighbours {m_decoder, m_codes.testCodes()};
    PointSelection m_selection {m_scatter};
};

} // namespace latentlab::ui
