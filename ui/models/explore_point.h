// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The explored point: the latent vector, the condition, the slider basis it is edited along, and
// the attribute vector ("add smile") with its amount. One tuple, EditState, is what an undo step
// restores, what a bookmark keeps and what a session saves (with the attribute by name). Every user
// edit is one undo step (EditHistory); the player's frames and re-encodes are not.
//
// It knows the latent space through the scatter's codes (the test set's), from which the basis and
// the attribute vectors are made; it decodes nothing: Exploration shows the point on `changed`.
#include "core/latent/latent_math.h"
#include "core/latent/point_query.h"
#include "ui/models/bookmarks.h"
#include "ui/models/edit_history.h"

#include <QObject>
#include <QStringList>

#include <string>
#include <vector>

namespace latentlab::ui {

class ScatterLayout;

class ExplorePoint : public QObject {
    Q_OBJECT
public:
    explicit ExplorePoint(const ScatterLayout& scatter, QObject* parent = nullptr);

    /// A model's latent space, whose test-set codes the scatter now has. `reshaped` (another latent
    /// size or condition): the point, its history and the basis choice start over, at the codes'
    /// mean in `defaultCondition`. Announces nothing: Exploration::modelChanged says it all.
    void setSpace(int latentDim, const std::vector<std::string>& classNames,
                  const std::vector<float>& defaultCondition, bool reshaped);
    /// No latent space (another model is coming). Bookmarks stay: a model of their shape can visit them.
    void clear();
    int latentDim() const { return m_dim; }

    // --- The point -------------------------------------------------------------------------------
    /// The point before the attribute vector is added, and the condition values.
    const std::vector<float>& latent() const { return m_z; }
    const std::vector<float>& condition() const { return m_condition; }
    /// The point with the attribute vector added: what the main image shows.
    std::vector<float> shown() const;
    /// Edits, one undo step each (a slider's drag merges into one).
    void setLatent(const std::vector<float>& z);
    void setCoordinate(int axis, float value); // along basis axis `axis`, in its units
    void setCondition(const std::vector<float>& condition);
    void setConditionValue(int index, float value);
    void reset();     // the basis origin (the codes' mean)
    void randomize(); // standard normal draws along the basis
    /// An image's code arrived: as the user's edit (one step, the amount back to 0) or not (a lesson's
    /// start, a re-encode with new weights).
    void setEncoded(const std::vector<float>& z, const std::vector<float>& condition, bool asEdit);
    /// A point on the interpolation path (the player's frames are not undo steps; an empty condition
    /// keeps the current one). The amount goes to 0: the path's ends already include any attribute edit.
    void setPathPoint(const std::vector<float>& z, const std::vector<float>& condition);

    // --- Slider basis ----------------------------------------------------------------------------
    const LatentBasis& basis() const { return m_basis; }
    /// Whether the basis is the top principal directions (large latents) or one axis a dimension.
    bool principal() const { return m_principal; }
    void setShowAllDimensions(bool all);
    bool showAllDimensions() const { return m_showAll; }
    /// The point's coordinates along the basis.
    std::vector<float> coordinates() const;
    /// Largest latent given one slider per dimension; larger ones get principal directions.
    static constexpr int kDimensionSliderLimit = 16;
    static constexpr int kPrincipalSliders = 10;

    // --- Attribute vector ------------------------------------------------------------------------
    /// "none", then "class: <name>" per class, then the codes' attribute names, then the selection
    /// (aimAtSelection).
    const QStringList& attributeChoices() const { return m_choices; }
    int attribute() const { return m_attribute; }
    /// The chosen attribute's name as sessions and bookmarks keep it ("" = none).
    std::string attributeName() const;
    /// Chooses an attribute (the amount goes back to 0); false when out of range.
    bool setAttribute(int index);
    /// Chooses an attribute by name ("" = none); false (and none) when this space lacks it.
    bool setAttributeName(const std::string& name);
    float amount() const { return m_amount; }
    /// The amount's resolution: hundredths (the slider's steps, and what sessions keep).
    static constexpr int kAmountSteps = Bookmarks::kAmountSteps;
    void setAmount(float amount);
    bool hasAttributeVector() const { return !m_attributeVector.empty(); }
    /// "Toward this cluster": the vector from the other codes' mean to the mean of the `chosen` codes
    /// (a scatter selection, one flag per code) becomes the last attribute choice, and is chosen
    /// (the amount at 0). Empty `chosen` removes that choice.
    void aimAtSelection(const std::vector<char>& chosen);
    /// The codes aimAtSelection was given, as indices (sessions keep them); empty without.
    std::vector<int> aimedSelection() const { return flaggedIndices(m_selection); }
    /// The name sessions and bookmarks keep for the selection's choice, whatever the language.
    static constexpr const char* kSelectionAttribute = "selection";
    /// The attribute the scatter is coloured by (index into the codes' attributeNames), or -1 (classes).
    int colourAttribute() const { return m_colourBy; }

    // --- Undo and bookmarks ----------------------------------------------------------------------
    EditHistory& history() { return m_history; }
    const EditHistory& history() const { return m_history; }
    /// Names the current point, condition and attribute edit ("" = "Bookmark N"); returns its index.
    int addBookmark(const QString& name = QString());
    /// Goes to a bookmark (one undo step); false, with the reason as a status, when it belongs to a
    /// model of another shape.
    bool goToBookmark(int index);
    Bookmarks& bookmarks() { return m_bookmarks; }
    const Bookmarks& bookmarks() const { return m_bookmarks; }

signals:
    /// The point, the condition or the amount changed.
    void changed();
    /// A user edit begins (before the change): the player lets go of the main image.
    void edited();
    /// The user sent the point elsewhere (Reset, Random, a bookmark): an encoded image no longer
    /// describes it.
    void movedAway();
    void basisChanged();
    /// Another attribute: its choice, its amount and, when `recoloured`, the scatter's colouring.
    void attributeChanged(bool recoloured);
    /// A problem with an attribute or a bookmark ("" clears it).
    void status(const QString& text, bool error);

private:
    EditState editState() const { return {m_z, m_condition, m_attribute, m_amount}; }
    void restoreEditState(const EditState& state);
    void updateBasis();
    void updateAttributeChoices();
    void updateAttributeVector();

    const ScatterLayout& m_scatter;
    std::vector<std::string> m_classNames;
    int m_dim = 0; // 0 = no latent space
    LatentBasis m_basis;
    bool m_principal = false, m_showAll = false;
    std::vector<float> m_z, m_condition;
    quint64 m_randomSeed = 1;
    QStringList m_choices;
    int m_attribute = 0;
    std::vector<float> m_attributeVector;
    std::vector<char> m_selection; // aimAtSelection's codes (empty: no such choice)
    float m_amount = 0;
    int m_colourBy = -1;
    EditHistory m_history {[this] { return editState(); }, [this](const EditState& s) { restoreEditState(s); }};
    Bookmarks m_bookmarks;
};

} // namespace latentlab::ui
