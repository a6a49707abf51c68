// SPDX-License-Identifier: GPL-3.0-or-later
// Exploration's inputs from outside: encoding test images and image files, the checkpoints
// compared side by side, and what a session (or a bookmark) keeps.
#include "ui/models/exploration.h"

#include "core/image.h"
#include "ui/models/image_convert.h"
#ifdef LATENTLAB_HAVE_PIXELS
#include "core/pixels/image_preprocess.h"
#endif

#include <QFileInfo>
#include <QPointer>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

// --- Source images -------------------------------------------------------------------------------

bool Exploration::testImageSource(int64_t index, Image& image, QString& caption) const
{
    if (m_data.empty() || index < 0 || index >= m_data.info().testCount)
        return false;
    image = m_data.images(true, index, 1).front();
    caption = tr("test image %1").arg(index);
    const int64_t label = index < int64_t(codes().labels.size()) ? codes().labels[size_t(index)] : -1;
    if (label >= 0 && size_t(label) < m_classNames.size())
        caption += QStringLiteral(" (%1)").arg(QString::fromStdString(m_classNames[size_t(label)]));
    return true;
}

std::vector<float> Exploration::testImageCondition(int64_t index) const
{
    const ModelInfo& mi = m_model.info();
    if (!mi.conditional())
        return {};
    if (!mi.conditionFromLabels)
        return m_data.attributes(true, index);
    std::vector<float> cond(size_t(mi.conditionDim), 0.0f);
    const int64_t label = index < int64_t(codes().labels.size()) ? codes().labels[size_t(index)] : -1;
    if (label >= 0 && label < mi.conditionDim)
        cond[size_t(label)] = 1.0f;
    return cond;
}

void Exploration::encodeTestImage(int64_t index)
{
    Image image;
    QString caption;
    if (!testImageSource(index, image, caption))
        return;
    // Encoded with the image's own condition, which the sliders then start from.
    const std::vector<float> cond = testImageCondition(index);
    setSource(image, caption, index, QString());
    encode(image, cond, /*asEdit=*/true, /*follow=*/true);
}

bool Exploration::fileSource(const QString& path, Image& image)
{
    if (m_model.empty()) {
        setStatus(tr("Train a model or open a checkpoint before encoding %1").arg(path), true);
        return false;
    }
#ifdef LATENTLAB_HAVE_PIXELS
    const auto& in = m_model.info().config.model.input;
    if (in[1] != in[2]) {
        setStatus(tr("%1: this model takes %2x%3 images; only square inputs can be prepared from files").arg(path).arg(in[2]).arg(in[1]), true);
        return false;
    }
    // Digits datasets are light on dark: a dark-on-light drawing is inverted to match.
    bool dark = false;
    if (!m_data.empty() && m_data.info().testCount > 0) {
        const Image first = m_data.images(true, 0, 1).front();
        double border = 0;
        for (int i = 0; i < first.width; ++i)
            border += first.at(i, 0) + first.at(i, first.height - 1);
        dark = border / (2.0 * first.width) < 128;
    }
    try {
        image = prepareImageFile(path.toStdString(), in[0], in[1], 0, dark);
        return true;
    } catch (const std::exception& e) {
        setStatus(QString::fromStdString(e.what()), true);
        return false;
    }
#else
    setStatus(tr("%1: this build cannot read image files (built without OpenCV)").arg(path), true);
    return false;
#endif
}

bool Exploration::encodeImageFile(const QString& path)
{
    Image image;
    if (!fileSource(path, image))
        return false;
    // A file says nothing about its attributes: encoded in the default context, not with whatever
    // the condition sliders were left at.
    setSource(image, QFileInfo(path).fileName(), -1, QFileInfo(path).absoluteFilePath());
    encode(image, defaultCondition(), /*asEdit=*/true, /*follow=*/false);
    return true;
}

void Exploration::setSource(const Image& image, const QString& caption, int64_t index, const QString& file)
{
    m_source.set(toQImage(image), caption, index, file);
    setStatus(QString(), false);
}

void Exploration::encode(const Image& image, const std::vector<float>& condition, bool asEdit, bool follow)
{
    // Decided now, not on delivery: a new model arriving first drops this result, and then its own
    // re-encode must know to follow.
    m_pointIsSourceCode = follow;
    if (asEdit)
        ++m_edits; // a re-encode still on its way is older than this
    QPointer<Exploration> self(this);
    const uint64_t edits = m_edits;
    m_decoder.submit(kChannelEncode, this, [image, condition, self, asEdit, follow, edits](const Model& m) {
        std::vector<float> z = m.encodeImages({image}, condition);
        return std::function<void()>([self, z, condition, asEdit, follow, edits] {
            if (!self || self->m_model.empty() || z.size() != size_t(self->m_model.info().latentDim()))
                return;
            if (!asEdit && self->m_edits != edits)
                return; // the user has moved on since: their point stays
            self->m_point.setEncoded(z, condition, asEdit);
            if (asEdit)
                self->m_pointIsSourceCode = follow; // the edit stopped following; this one follows again
        });
    });
}

void Exploration::leaveSourceCode()
{
    m_pointIsSourceCode = false;
    ++m_edits;
}

void Exploration::encodeSourceAgain(const std::vector<float>& condition)
{
    Image image;
    QString caption;
    if (m_source.testIndex() >= 0 && testImageSource(m_source.testIndex(), image, caption))
        encode(image, condition, /*asEdit=*/false, /*follow=*/true);
}

void Exploration::restoreSource(const ExploreSettings& e)
{
    // Shown as it was, not encoded again: the session's point is restored exactly.
    Image image;
    QString caption;
    if (e.sourceTestImage >= 0 && testImageSource(e.sourceTestImage, image, caption))
        setSource(image, caption, e.sourceTestImage, QString());
    else if (!e.sourceFile.empty() && fileSource(QString::fromStdString(e.sourceFile), image))
        setSource(image, QFileInfo(QString::fromStdString(e.sourceFile)).fileName(), -1, QString::fromStdString(e.sourceFile));
}

void Exploration::setTab(const QString& tab)
{
    if (tab == m_tab)
        return;
    m_tab = tab;
    emit tabChanged();
}

// --- Settings ------------------------------------------------------------------------------------

ExploreState Exploration::state() const
{
    ExploreState s;
    s.model = m_model;
    s.codes = codes();
    s.basis = m_point.basis();
    s.point = m_point.shown();
    s.condition = m_point.condition();
    s.projection = m_scatter.projection();
    return s;
}

ExploreSettings Exploration::settings() const
{
    ExploreSettings e;
    e.point = m_point.latent();
    e.condition = m_point.condition();
    e.attribute = m_point.attributeName();
    e.attributeSelection = m_point.aimedSelection();
    e.amount = int(std::lround(m_point.amount() * ExplorePoint::kAmountSteps));
    e.interpolationA = m_interpolation.endpoint(0);
    e.interpolationB = m_interpolation.endpoint(1);
    e.interpolationConditionA = m_interpolation.endpointCondition(0);
    e.interpolationConditionB = m_interpolation.endpointCondition(1);
    e.spherical = m_interpolation.spherical();
    std::tie(e.scatterDimX, e.scatterDimY) = m_scatter.dimensions();
    const MapSettings& map = m_scatter.map();
    e.scatterMap = map.methodName();
    e.mapPerplexity = map.perplexity;
    e.mapNeighbours = map.neighbours;
    e.mapMinDist = map.minDist;
    e.scatterThumbnails = m_scatter.thumbnails();
    e.scatterView = m_scatter.view();
    e.scatterSearch = m_selection.search().toStdString();
    e.scatterIsolate = m_selection.isolated();
    e.scatterSelection = m_selection.selectedIndices();
    e.scatter3d = m_scatter.threeD();
    e.scatter3dCamera = m_scatter.camera3();
    e.scatterAllCodes = m_codes.all();
    e.sourceTestImage = m_source.testIndex();
    e.sourceFile = m_source.file().toStdString();
    e.tab = m_tab.toStdString();
    e.bookmarks = m_point.bookmarks().list();
    return e;
}

void Exploration::warnForeignSelection()
{
    setStatus(tr("The session's selection names codes this model's test set lacks: they were left out"), true);
}

void Exploration::applySettings(const ExploreSettings& e)
{
    if (m_model.empty())
        return;
    m_scatter.setDimensions(e.scatterDimX, e.scatterDimY);
    MapSettings map;
    map.setMethodName(e.scatterMap); // checked when the session was read
    map.perplexity = e.mapPerplexity;
    map.neighbours = e.mapNeighbours;
    map.minDist = e.mapMinDist;
    m_scatter.setMap(map);
    m_scatter.setThreeD(e.scatter3d);
    m_scatter.setCamera3(e.scatter3dCamera);
    m_codes.setAll(e.scatterAllCodes);
    m_scatter.setThumbnails(e.scatterThumbnails);
    m_scatter.setView(e.scatterView);
    restoreSource(e); // first: showing the source clears the status, which may get a warning below
    m_selection.setSearch(QString::fromStdString(e.scatterSearch));
    m_selection.setIsolated(e.scatterIsolate);
    // With all codes, a selection of training codes waits for them (encoded on the decode thread).
    const bool waits = m_codes.all() && !m_codes.hasTrainingCodes() &&
                       std::any_of(e.scatterSelection.begin(), e.scatterSelection.end(), [&](int i) { return i >= m_codes.testCount(); });
    m_pendingSelection = waits ? e.scatterSelection : std::vector<int>();
    bool foreignSelection = !waits && m_selection.setSelectedIndices(e.scatterSelection) > 0;
    if (!e.attributeSelection.empty()) { // "toward the selection (N points)", as it was aimed
        int dropped = 0;
        m_point.aimAtSelection(indexFlags(e.attributeSelection, codes().count(), dropped));
        foreignSelection = foreignSelection || dropped > 0;
    }
    if (!m_point.setAttributeName(e.attribute))
        setStatus(tr("The session's attribute \"%1\" is not in this dataset").arg(QString::fromStdString(e.attribute)), true);
    else if (!e.attribute.empty())
        m_point.setAmount(float(e.amount) / ExplorePoint::kAmountSteps);
    if (foreignSelection && !statusIsError()) // after the attribute's vector, which clears the status
        warnForeignSelection();
    if (!e.condition.empty())
        m_point.setCondition(e.condition);
    const size_t latent = size_t(m_model.info().latentDim());
    for (int which : {0, 1})
        if (const auto& p = which ? e.interpolationB : e.interpolationA; p.size() == latent)
            m_interpolation.setEndpoint(which, p, which ? e.interpolationConditionB : e.interpolationConditionA);
    m_interpolation.setSpherical(e.spherical);
    setTab(QString::fromStdString(e.tab));
    if (!e.point.empty())
        m_point.setLatent(e.point);
    else if (m_source.testIndex() >= 0 && m_source.testIndex() == e.sourceTestImage) // a lesson that trains its model
        encodeSourceAgain(e.condition.empty() ? testImageCondition(m_source.testIndex()) : m_point.condition());
    m_point.bookmarks().set(e.bookmarks);
    m_point.history().clear(); // a restored session starts its own history
}

} // namespace latentlab::ui
