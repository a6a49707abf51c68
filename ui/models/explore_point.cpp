// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/explore_point.h"

#include "core/error.h"
#include "core/latent/pca.h"
#include "ui/models/scatter_layout.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>

namespace latentlab::ui {

ExplorePoint::ExplorePoint(const ScatterLayout& scatter, QObject* parent) : QObject(parent), m_scatter(scatter) {}

void ExplorePoint::setSpace(int latentDim, const std::vector<std::string>& classNames,
                            const std::vector<float>& defaultCondition, bool reshaped)
{
    m_classNames = classNames;
    m_dim = latentDim;
    if (reshaped) {
        m_history.clear(); // the steps were points of another latent space
        m_z.clear();
        m_showAll = false;
        m_condition = defaultCondition;
    }
    updateBasis();
    if (m_z.size() != size_t(m_dim))
        m_z = m_basis.origin; // a new space starts at the codes' mean
    updateAttributeChoices();
    updateAttributeVector();
}

void ExplorePoint::clear()
{
    m_classNames.clear();
    m_dim = 0;
    m_basis = LatentBasis();
    m_principal = m_showAll = false;
    m_z.clear();
    m_condition.clear();
    m_choices.clear();
    m_attribute = 0;
    m_attributeVector.clear();
    m_selection.clear();
    m_amount = 0;
    m_colourBy = -1;
    m_history.clear();
}

// --- The point -----------------------------------------------------------------------------------

std::vector<float> ExplorePoint::shown() const
{
    std::vector<float> p = m_z;
    if (m_attributeVector.size() == p.size())
        for (size_t k = 0; k < p.size(); ++k)
            p[k] += m_amount * m_attributeVector[k];
    return p;
}

void ExplorePoint::setLatent(const std::vector<float>& z)
{
    if (m_z.empty() || z.size() != m_z.size())
        return;
    const EditScope edit(m_history, EditHistory::MergeKey::Step);
    emit edited();
    m_z = z;
    emit changed();
}

void ExplorePoint::setCoordinate(int axis, float value)
{
    if (m_z.empty() || axis < 0 || axis >= m_basis.count())
        return;
    const EditScope edit(m_history, EditHistory::MergeKey::LatentSlider + axis);
    emit edited();
    m_z = withCoordinate(m_basis, m_z, axis, value);
    emit changed();
}

void ExplorePoint::setCondition(const std::vector<float>& condition)
{
    if (m_z.empty() || condition.size() != m_condition.size())
        return;
    const EditScope edit(m_history, EditHistory::MergeKey::Step);
    emit edited();
    m_condition = condition; // the strip keeps its ends' own conditions
    emit changed();
}

void ExplorePoint::setConditionValue(int index, float value)
{
    if (index < 0 || size_t(index) >= m_condition.size())
        return;
    const EditScope edit(m_history, EditHistory::MergeKey::ConditionSlider + index);
    std::vector<float> c = m_condition;
    c[size_t(index)] = value;
    setCondition(c);
}

void ExplorePoint::reset()
{
    if (m_basis.count() > 0) {
        emit movedAway();
        setLatent(m_basis.origin);
    }
}

void ExplorePoint::randomize()
{
    if (m_basis.count() == 0)
        return;
    std::mt19937_64 rng(m_randomSeed++);
    std::normal_distribution<float> normal;
    std::vector<float> c(size_t(m_basis.count()));
    for (float& x : c)
        x = std::clamp(normal(rng), -3.0f, 3.0f);
    emit movedAway();
    setLatent(fromCoordinates(m_basis, c));
}

void ExplorePoint::setEncoded(const std::vector<float>& z, const std::vector<float>& condition, bool asEdit)
{
    if (m_z.empty() || z.size() != m_z.size())
        return;
    std::optional<EditScope> edit;
    if (asEdit) {
        edit.emplace(m_history, EditHistory::MergeKey::Step);
        emit edited();
        m_amount = 0; // a new image to edit: no attribute on it yet
    }
    m_z = z;
    if (condition.size() == m_condition.size())
        m_condition = condition;
    emit changed();
}

void ExplorePoint::setPathPoint(const std::vector<float>& z, const std::vector<float>& condition)
{
    if (m_z.empty() || z.size() != m_z.size())
        return;
    m_z = z;
    if (condition.size() == m_condition.size())
        m_condition = condition; // each end in its own condition
    m_amount = 0;
    emit changed();
}

void ExplorePoint::restoreEditState(const EditState& s)
{
    emit edited();
    if (s.attribute != m_attribute && s.attribute >= 0 && s.attribute < m_choices.size()) {
        m_attribute = s.attribute;
        updateAttributeVector();
        emit attributeChanged(true);
    }
    m_amount = s.amount;
    if (s.condition.size() == m_condition.size())
        m_condition = s.condition;
    if (s.z.size() == m_z.size())
        m_z = s.z;
    emit changed();
    emit attributeChanged(false); // the amount's slider
}

// --- Slider basis --------------------------------------------------------------------------------

void ExplorePoint::updateBasis()
{
    const LatentCodes& codes = m_scatter.codes();
    const int k = m_dim;
    const bool usable = codes.count() > 1 && codes.dim == k;
    m_principal = k > kDimensionSliderLimit && !m_showAll && usable;
    if (m_principal) {
        m_basis = principalBasis(codes.values, k, kPrincipalSliders);
    } else if (usable) {
        std::vector<float> mean, sd;
        codeStatistics(codes.values, k, mean, sd);
        m_basis = dimensionBasis(mean, sd);
    } else {
        m_basis = dimensionBasis(std::vector<float>(size_t(k), 0.0f), std::vector<float>(size_t(k), 1.0f));
    }
}

void ExplorePoint::setShowAllDimensions(bool all)
{
    if (all == m_showAll)
        return;
    m_showAll = all;
    if (m_z.empty())
        return;
    updateBasis();
    emit basisChanged(); // the same point, in the new basis's coordinates
}

std::vector<float> ExplorePoint::coordinates() const
{
    if (m_basis.count() == 0 || m_z.size() != size_t(m_basis.dim))
        return {};
    return basisCoordinates(m_basis, m_z);
}

// --- Attribute vector ----------------------------------------------------------------------------

void ExplorePoint::updateAttributeChoices()
{
    // Classes ("toward 8") and, when the codes carry them, attributes ("add smile").
    const LatentCodes& codes = m_scatter.codes();
    QStringList items {tr("none")};
    for (const auto& c : m_classNames)
        items << tr("class: %1").arg(QString::fromStdString(c));
    if (codes.attributes.size() == size_t(codes.count()) * codes.attributeNames.size())
        for (const auto& a : codes.attributeNames)
            items << QString::fromStdString(a);
    if (!m_selection.empty() && m_selection.size() == size_t(codes.count()))
        items << tr("toward the selection (%1 points)").arg(std::count(m_selection.begin(), m_selection.end(), char(1)));
    else
        m_selection.clear(); // other codes: the selection was of the old ones
    if (items == m_choices)
        return;
    const QString chosen = m_attribute < m_choices.size() ? m_choices[m_attribute] : QString();
    m_choices = items;
    m_attribute = std::max(0, int(items.indexOf(chosen)));
    if (m_attribute == 0)
        m_amount = 0;
}

void ExplorePoint::updateAttributeVector()
{
    const LatentCodes& codes = m_scatter.codes();
    m_attributeVector.clear();
    m_colourBy = -1;
    const int64_t n = codes.count();
    const int classes = int(m_classNames.size());
    if (m_attribute > 0 && n > 0) {
        std::vector<bool> has(static_cast<size_t>(n));
        if (!m_selection.empty() && m_attribute == m_choices.size() - 1) {
            has.assign(m_selection.begin(), m_selection.end());
        } else if (m_attribute <= classes) {
            for (int64_t i = 0; i < n; ++i)
                has[size_t(i)] = size_t(i) < codes.labels.size() && codes.labels[size_t(i)] == m_attribute - 1;
        } else {
            m_colourBy = m_attribute - 1 - classes;
            const size_t a = codes.attributeNames.size();
            for (int64_t i = 0; i < n; ++i)
                has[size_t(i)] = codes.attributes[size_t(i) * a + size_t(m_colourBy)] > 0.5f;
        }
        try {
            m_attributeVector = attributeVector(codes.values, codes.dim, has);
            emit status(QString(), false);
        } catch (const InputError& e) {
            emit status(QString::fromStdString(e.what()), true);
        }
    }
}

void ExplorePoint::aimAtSelection(const std::vector<char>& chosen)
{
    m_selection.assign(chosen.begin(), chosen.end());
    if (std::find(m_selection.begin(), m_selection.end(), char(1)) == m_selection.end())
        m_selection.clear(); // nothing chosen: no such choice
    updateAttributeChoices();
    setAttribute(m_selection.empty() ? 0 : int(m_choices.size()) - 1);
    emit attributeChanged(true); // the choices changed even when the index did not
}

std::string ExplorePoint::attributeName() const
{
    if (!m_selection.empty() && m_attribute == m_choices.size() - 1)
        return kSelectionAttribute;
    return m_attribute > 0 && m_attribute < m_choices.size() ? m_choices[m_attribute].toStdString() : std::string();
}

bool ExplorePoint::setAttribute(int index)
{
    if (index < 0 || index >= m_choices.size())
        return false;
    const EditScope edit(m_history, EditHistory::MergeKey::Step);
    emit edited();
    m_attribute = index;
    m_amount = 0;
    updateAttributeVector();
    emit attributeChanged(true);
    emit changed();
    return true;
}

bool ExplorePoint::setAttributeName(const std::string& name)
{
    const int index = name.empty()                                          ? 0
                      : name == kSelectionAttribute && !m_selection.empty() ? int(m_choices.size()) - 1
                                                                            : int(m_choices.indexOf(QString::fromStdString(name)));
    setAttribute(std::max(0, index));
    return index >= 0;
}

void ExplorePoint::setAmount(float amount)
{
    if (amount == m_amount)
        return;
    const EditScope edit(m_history, EditHistory::MergeKey::Amount);
    emit edited();
    m_amount = amount;
    emit changed();
}

// --- Bookmarks -----------------------------------------------------------------------------------

int ExplorePoint::addBookmark(const QString& name)
{
    if (m_z.empty())
        return -1;
    Bookmark b;
    b.name = name.toStdString();
    b.point = m_z;
    b.condition = m_condition;
    b.attribute = attributeName();
    b.amount = int(std::lround(m_amount * kAmountSteps));
    return m_bookmarks.add(std::move(b));
}

bool ExplorePoint::goToBookmark(int index)
{
    if (index < 0 || size_t(index) >= m_bookmarks.list().size() || m_z.empty())
        return false;
    const Bookmark b = m_bookmarks.list()[size_t(index)];
    if (b.point.size() != m_z.size() || b.condition.size() != m_condition.size()) {
        emit status(tr("Bookmark \"%1\" belongs to a model with %2 latent dimensions; this one has %3")
                        .arg(QString::fromStdString(b.name))
                        .arg(b.point.size())
                        .arg(m_z.size()),
                    true);
        return false;
    }
    const EditScope edit(m_history, EditHistory::MergeKey::Step); // one step, however many settings change
    emit movedAway();
    const bool known = setAttributeName(b.attribute);
    setAmount(known && !b.attribute.empty() ? float(b.amount) / kAmountSteps : 0.0f);
    if (!b.condition.empty())
        setCondition(b.condition);
    setLatent(b.point);
    if (!known)
        emit status(tr("Bookmark \"%1\": its attribute \"%2\" is not in this dataset")
                        .arg(QString::fromStdString(b.name), QString::fromStdString(b.attribute)),
                    true);
    return true;
}

} // namespace latentlab::ui
