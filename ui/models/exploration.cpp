// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/exploration.h"

#include "core/error.h"

#include <algorithm>
#include <random>

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
    m_settingModel = true;
    m_scatter.setCodes(codes); // projected once, for both tabs (not again when the Train tab's are these)
    m_settingModel = false;
    m_classNames = classNames.empty() ? data.info().classNames : classNames;
    m_decoder.setModel(snapshot);
    m_neighbours.reset(data); // this model's training codes, encoded again when asked for
    const ModelInfo& mi = snapshot.info();
    QString key = QString::number(mi.latentDim());
    for (const auto& n : mi.conditionNames)
        key += QLatin1Char('|') + QString::fromStdString(n);
    const bool reshaped = key != m_shapeKey;
    m_shapeKey = key;
    if (reshaped) {
        m_history.clear(); // the steps were points of another latent space
        m_z.clear();
        m_pointIsSourceCode = m_showAll = false;
        m_condition = defaultCondition();
        m_interpolation.clear();
    }
    updateBasis();
    updateAttributeChoices();
    updateAttributeVector();
    if (m_pointIsSourceCode)
        encodeSourceAgain(m_condition); // the old weights' code of it would decode to something else
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
    m_basis = LatentBasis();
    m_principal = m_showAll = false;
    m_z.clear();
    m_condition.clear();
    m_choices.clear();
    m_attribute = 0;
    m_attributeVector.clear();
    m_amount = 0;
    m_colourBy = -1;
    m_settingModel = true;
    m_scatter.clear();
    m_settingModel = false;
    m_sourceImage = QImage();
    m_sourceCaption.clear();
    m_sourceIndex = -1;
    m_pointIsSourceCode = false;
    m_sourceFile.clear();
    m_images.clear();
    m_neighbours.reset(Dataset());
    m_history.clear(); // bookmarks stay (like recorded frames): a model of their shape can visit them
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

std::vector<float> Exploration::point() const
{
    std::vector<float> p = m_z;
    if (m_attributeVector.size() == p.size())
        for (size_t k = 0; k < p.size(); ++k)
            p[k] += m_amount * m_attributeVector[k];
    return p;
}

void Exploration::requestDecode(DecodeRequest r)
{
    m_decoder.decode(r.channel, std::move(r.codes), r.columns, std::move(r.condition), r.model);
}

void Exploration::emitPoint()
{
    m_interpolation.setCurrentCondition(m_condition); // an end set without a condition takes this one
    if (m_model.empty())
        return;
    m_decoder.decode(kChannelCurrent, point(), 1, m_condition);
    emit pointChanged();
}

void Exploration::userEdit()
{
    m_interpolation.setPlaying(false); // an edit takes the main image back from the player
    leaveSourceCode();
}

void Exploration::setLatentPoint(const std::vector<float>& z)
{
    if (m_model.empty() || z.size() != size_t(m_model.info().latentDim()))
        return;
    const EditScope edit(m_history, EditHistory::MergeKey::Step);
    userEdit();
    m_z = z;
    emitPoint();
}

void Exploration::setCoordinate(int axis, float value)
{
    if (m_z.empty() || axis < 0 || axis >= m_basis.count())
        return;
    const EditScope edit(m_history, EditHistory::MergeKey::LatentSlider + axis);
    userEdit();
    m_z = withCoordinate(m_basis, m_z, axis, value);
    emitPoint();
}

void Exploration::setCondition(const std::vector<float>& condition)
{
    if (m_model.empty() || condition.size() != m_condition.size())
        return;
    const EditScope edit(m_history, EditHistory::MergeKey::Step);
    userEdit();
    m_condition = condition; // the strip keeps its ends' own conditions
    emitPoint();
}

void Exploration::setConditionValue(int index, float value)
{
    if (index < 0 || size_t(index) >= m_condition.size())
        return;
    const EditScope edit(m_history, EditHistory::MergeKey::ConditionSlider + index);
    std::vector<float> c = m_condition;
    c[size_t(index)] = value;
    setCondition(c);
}

void Exploration::resetPoint()
{
    if (m_basis.count() > 0) {
        clearSource();
        setLatentPoint(m_basis.origin);
    }
}

void Exploration::randomizePoint()
{
    if (m_basis.count() == 0)
        return;
    std::mt19937_64 rng(m_randomSeed++);
    std::normal_distribution<float> normal;
    std::vector<float> c(size_t(m_basis.count()));
    for (float& x : c)
        x = std::clamp(normal(rng), -3.0f, 3.0f);
    clearSource();
    setLatentPoint(fromCoordinates(m_basis, c));
}

void Exploration::pickScatter(const QPointF& at)
{
    if (m_scatter.tsne()) { // no plane to invert: the code drawn nearest the click
        const int64_t best = m_scatter.codeOnMapAt(at);
        if (best < 0)
            return;
        const int64_t dim = codes().dim;
        const EditScope edit(m_history, EditHistory::MergeKey::ScatterDrag); // a drag across the map is one step
        clearSource();
        setLatentPoint(std::vector<float>(codes().values.begin() + best * dim, codes().values.begin() + (best + 1) * dim));
        return;
    }
    const Projection2D& p = m_scatter.projection();
    if (m_z.empty() || p.axis1.size() != m_z.size())
        return;
    // The attribute vector's part in the plane (the projection is linear: where the shown point
    // lands minus where m_z does), so that the shown point lands under the cursor.
    const QPointF shift = project(point()) - project(m_z);
    std::vector<float> z(m_z.size());
    for (size_t k = 0; k < z.size(); ++k)
        z[k] = p.mean[k] + float((at.x() - shift.x()) * p.axis1[k] + (at.y() - shift.y()) * p.axis2[k]);
    const EditScope edit(m_history, EditHistory::MergeKey::ScatterDrag); // a drag across the scatter is one step
    clearSource();
    setLatentPoint(z);
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

// --- Slider basis --------------------------------------------------------------------------------

void Exploration::updateBasis()
{
    const int k = m_model.info().latentDim();
    const bool usable = codes().count() > 1 && codes().dim == k;
    m_principal = k > kDimensionSliderLimit && !m_showAll && usable;
    if (m_principal) {
        m_basis = principalBasis(codes().values, k, kPrincipalSliders);
    } else if (usable) {
        std::vector<float> mean, sd;
        codeStatistics(codes().values, k, mean, sd);
        m_basis = dimensionBasis(mean, sd);
    } else {
        m_basis = dimensionBasis(std::vector<float>(size_t(k), 0.0f), std::vector<float>(size_t(k), 1.0f));
    }
    if (m_z.size() != size_t(k))
        m_z = m_basis.origin;
}

void Exploration::setShowAllDimensions(bool all)
{
    if (all == m_showAll)
        return;
    m_showAll = all;
    if (m_model.empty())
        return;
    updateBasis();
    emit basisChanged();
    emit pointChanged(); // the same point, in the new basis's coordinates
}

std::vector<float> Exploration::coordinates() const
{
    if (m_basis.count() == 0 || m_z.size() != size_t(m_basis.dim))
        return {};
    return basisCoordinates(m_basis, m_z);
}

// --- Attribute vector ----------------------------------------------------------------------------

void Exploration::updateAttributeChoices()
{
    // Classes ("toward 8") and, when the codes carry them, attributes ("add smile").
    QStringList items {tr("none")};
    for (const auto& c : m_classNames)
        items << tr("class: %1").arg(QString::fromStdString(c));
    if (codes().attributes.size() == size_t(codes().count()) * codes().attributeNames.size())
        for (const auto& a : codes().attributeNames)
            items << QString::fromStdString(a);
    if (items == m_choices)
        return;
    const QString chosen = m_attribute < m_choices.size() ? m_choices[m_attribute] : QString();
    m_choices = items;
    m_attribute = std::max(0, int(items.indexOf(chosen)));
    if (m_attribute == 0)
        m_amount = 0;
}

void Exploration::updateAttributeVector()
{
    m_attributeVector.clear();
    m_colourBy = -1;
    const int64_t n = codes().count();
    const int classes = int(m_classNames.size());
    if (m_attribute > 0 && n > 0) {
        std::vector<bool> has(static_cast<size_t>(n));
        if (m_attribute <= classes) {
            for (int64_t i = 0; i < n; ++i)
                has[size_t(i)] = size_t(i) < codes().labels.size() && codes().labels[size_t(i)] == m_attribute - 1;
        } else {
            m_colourBy = m_attribute - 1 - classes;
            const size_t a = codes().attributeNames.size();
            for (int64_t i = 0; i < n; ++i)
                has[size_t(i)] = codes().attributes[size_t(i) * a + size_t(m_colourBy)] > 0.5f;
        }
        try {
            m_attributeVector = attributeVector(codes().values, codes().dim, has);
            setStatus(QString(), false);
        } catch (const InputError& e) {
            setStatus(QString::fromStdString(e.what()), true);
        }
    }
}

bool Exploration::setAttribute(int index)
{
    if (index < 0 || index >= m_choices.size())
        return false;
    const EditScope edit(m_history, EditHistory::MergeKey::Step);
    userEdit();
    m_attribute = index;
    m_amount = 0;
    updateAttributeVector();
    emit attributeChanged();
    emit scatterChanged();
    emitPoint();
    return true;
}

void Exploration::setAmount(float amount)
{
    if (amount == m_amount)
        return;
    const EditScope edit(m_history, EditHistory::MergeKey::Amount);
    userEdit();
    m_amount = amount;
    emitPoint();
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
