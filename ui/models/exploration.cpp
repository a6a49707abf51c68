// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/exploration.h"

#include "core/error.h"

#include <algorithm>
#include <utility>

namespace latentlab::ui {

Exploration::Exploration(QObject* parent) : QObject(parent)
{
    // The strip is decoded whenever the path changes (ends, mode, steps, another model's weights).
    connect(&m_interpolation, &Interpolation::pathChanged, this, [this] {
        if (m_interpolation.ready())
            m_decoder.decode(kChannelInterpolation, m_interpolation.path(), m_interpolation.steps(), m_interpolation.pathConditions());
    });
    connect(&m_interpolation, &Interpolation::morphed, this, &Exploration::showPathPoint);
    connect(&m_decoder, &DecodeService::decoded, this, &Exploration::onDecoded);
    connect(&m_decoder, &DecodeService::failed, this, [this](const QString& m) { setStatus(m, true); });
    // New axes (either tab's choice): the scatter draws again and the marker moves to the new plane.
    // Codes arrive through setModel, which says so itself.
    connect(&m_scatter, &ScatterLayout::status, this, &Exploration::setStatus);
    connect(&m_point, &ExplorePoint::status, this, &Exploration::setStatus);
    connect(&m_point, &ExplorePoint::changed, this, &Exploration::emitPoint);
    connect(&m_point, &ExplorePoint::edited, this, [this] {
        m_interpolation.setPlaying(false); // an edit takes the main image back from the player
        leaveSourceCode();
    });
    connect(&m_point, &ExplorePoint::movedAway, &m_source, &SourceImage::clear);
    connect(&m_point, &ExplorePoint::basisChanged, this, [this] {
        emit basisChanged();
        emit pointChanged(); // the same point, in the new basis's coordinates
    });
    connect(&m_point, &ExplorePoint::attributeChanged, this, [this](bool recoloured) {
        emit attributeChanged();
        if (recoloured)
            emit scatterChanged();
    });
    connect(&m_selection, &PointSelection::changed, this, &Exploration::scatterChanged);
    connect(&m_codes, &ScatterCodes::status, this, &Exploration::setStatus);
    connect(&m_codes, &ScatterCodes::trainingCodesWanted, &m_neighbours, &NearestImages::requestTrainingCodes);
    connect(&m_neighbours, &NearestImages::progressed, this, [this](qint64 done, qint64 total) {
        if (m_statusError)
            return; // an error stays until something else is done
        setStatus(done < total ? tr("Encoding the training images: %L1 of %L2…").arg(done).arg(total)
                               : tr("Encoded the %L1 training images").arg(total),
                  false);
    });
    connect(&m_neighbours, &NearestImages::failed, this, [this](const QString& message) {
        setStatus(tr("Encoding the training images failed: %1").arg(message), true);
    });
    connect(&m_neighbours, &NearestImages::ready, this, [this] {
        m_codes.setTrainingCodes(m_neighbours.trainingCodes());
        if (m_pendingSelection.empty())
            return;
        if (m_selection.setSelectedIndices(std::exchange(m_pendingSelection, {})) > 0)
            warnForeignSelection();
    });
    connect(&m_selection, &PointSelection::status, this, &Exploration::setStatus);
    connect(&m_scatter, &ScatterLayout::changed, this, [this] {
        if (m_settingModel)
            return;
        emit scatterChanged();
        emit pointChanged();
    });
}

Exploration::~Exploration() { m_decoder.shutdown(); }

// --- The model -----------------------------------------------------------------------------------

void Exploration::setModel(const Model& snapshot, const Dataset& data, const LatentCodes& codes,
                            const std::vector<std::string>& classNames)
{
    if (snapshot.empty())
        return;
    m_model = snapshot;
    m_data = data;
    m_comparisons.setData(data);
    m_classNames = classNames.empty() ? data.info().classNames : classNames;
    m_selection.setClassNames(m_classNames);
    m_decoder.setModel(snapshot);
    m_neighbours.reset(data); // this model's training codes, encoded again when asked for
    m_settingModel = true;
    m_codes.setModel(data, codes); // projected once, for both tabs (not again when the Train tab's are these)
    m_settingModel = false;
    const ModelInfo& mi = snapshot.info();
    QString key = QString::number(mi.latentDim());
    for (const auto& n : mi.conditionNames)
        key += QLatin1Char('|') + QString::fromStdString(n);
    const bool reshaped = key != m_shapeKey;
    m_shapeKey = key;
    if (reshaped) {
        m_pointIsSourceCode = false;
        m_interpolation.clear();
    }
    m_point.setSpace(mi.latentDim(), m_classNames, defaultCondition(), reshaped);
    if (m_pointIsSourceCode)
        encodeSourceAgain(m_point.condition()); // the old weights' code of it would decode to something else
    emit modelChanged(reshaped);
    emit basisChanged();
    emit attributeChanged();
    emit scatterChanged();
    m_interpolation.setLatentSize(mi.latentDim()); // the strip, decoded with the new weights
    emitPoint();
}

void Exploration::clear()
{
    // What the user made stays: recorded frames (to export) and the checkpoints chosen for
    // comparison (they decode again with the next model). Everything derived from the model goes.
    m_interpolation.setLatentSize(0);
    m_interpolation.clear();
    setRecording(false);
    m_model = Model();
    m_data = Dataset();
    m_classNames.clear();
    m_shapeKey.clear();
    m_point.clear(); // its bookmarks stay (like recorded frames): a model of their shape can visit them
    m_selection.reset(); // another lesson or checkpoint starts with every code shown
    m_codes.clear();
    m_pendingSelection.clear();
    m_settingModel = true;
    m_scatter.clear();
    m_settingModel = false;
    m_source.clear();
    m_pointIsSourceCode = false;
    m_images.clear();
    m_neighbours.reset(Dataset());
    m_decoder.setModel(Model()); // results of the old weights still on their way are dropped
    setStatus(QString(), false);
    emit cleared();
}

QImage Exploration::decodedImage(int channel) const
{
    const auto it = m_images.find(channel);
    return it == m_images.end() ? QImage() : it->second;
}

void Exploration::onDecoded(const DecodedImage& image)
{
    if (m_model.empty())
        return;
    m_images[image.channel] = image.image;
    if (image.channel == kChannelCurrent)
        m_recorder.addFrame(image.image);
    emit imageDecoded(image);
}

// --- The point -----------------------------------------------------------------------------------

void Exploration::showPathPoint(double t)
{
    leaveSourceCode(); // a point on the path now
    m_point.setPathPoint(m_interpolation.pointAt(t), m_interpolation.conditionAt(t));
}

void Exploration::requestDecode(DecodeRequest r)
{
    m_decoder.decode(r.channel, std::move(r.codes), r.columns, std::move(r.condition), r.model);
}

void Exploration::emitPoint()
{
    m_interpolation.setCurrentCondition(m_point.condition()); // an end set without a condition takes this one
    if (m_model.empty())
        return;
    m_decoder.decode(kChannelCurrent, m_point.shown(), 1, m_point.condition());
    emit pointChanged();
}

void Exploration::pickScatter(const QPointF& at)
{
    if (m_scatter.mapped()) { // no plane to invert: the code drawn nearest the click
        pickCode(m_scatter.codeOnMapAt(at, m_selection.isolated() ? m_selection.highlighted() : std::vector<char>()));
        return;
    }
    const Projection2D& p = m_scatter.projection();
    const std::vector<float>& latent = m_point.latent();
    if (latent.empty() || p.axis1.size() != latent.size())
        return;
    // The attribute vector's part in the plane (the projection is linear: where the shown point
    // lands minus where the latent does), so that the shown point lands under the cursor.
    const QPointF shift = project(m_point.shown()) - project(latent);
    std::vector<float> z(latent.size());
    for (size_t k = 0; k < z.size(); ++k)
        z[k] = p.mean[k] + float((at.x() - shift.x()) * p.axis1[k] + (at.y() - shift.y()) * p.axis2[k]);
    const EditScope edit(m_point.history(), EditHistory::MergeKey::ScatterDrag); // a drag across the scatter is one step
    m_source.clear();
    m_point.setLatent(z);
}

void Exploration::pickCode(int64_t index)
{
    if (index < 0 || index >= codes().count())
        return;
    const int64_t dim = codes().dim;
    const EditScope edit(m_point.history(), EditHistory::MergeKey::ScatterDrag); // a drag across the map is one step
    m_source.clear();
    m_point.setLatent(std::vector<float>(codes().values.begin() + index * dim, codes().values.begin() + (index + 1) * dim));
}

bool Exploration::goToSelectionMean()
{
    if (m_selection.selectedCount() == 0)
        return false;
    m_source.clear();
    m_point.setLatent(meanOfChosen(codes(), m_selection.selected()));
    return true;
}

std::vector<float> Exploration::defaultCondition() const
{
    const ModelInfo& mi = m_model.info();
    if (!mi.conditional() || mi.conditionFromLabels || mi.referenceCondition.size() == size_t(mi.conditionDim))
        return mi.defaultCondition(); // the training data's most common combination (or class)
    // An older checkpoint without one: a combination the model saw (e.g. exactly one hair colour),
    // the first test image's.
    if (!m_data.empty() && m_data.info().testCount > 0)
        if (std::vector<float> a = m_data.attributes(true, 0); a.size() == size_t(mi.conditionDim))
            return a;
    return mi.defaultCondition();
}

// --- Scatter -------------------------------------------------------------------------------------

QPointF Exploration::project(const std::vector<float>& z) const
{
    return m_scatter.project(z);
}

// --- Status --------------------------------------------------------------------------------------

void Exploration::setStatus(const QString& text, bool error)
{
    if (text == m_status && error == m_statusError)
        return;
    m_status = text;
    m_statusError = error;
    emit statusChanged();
}

} // namespace latentlab::ui
