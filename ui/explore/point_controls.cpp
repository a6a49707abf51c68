// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explore/point_controls.h"

#include "ui/models/exploration.h"
#include "ui/widgets/slider_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace latentlab::ui {

PointControls::PointControls(Exploration& exploration, QWidget* parent) : QScrollArea(parent), m_exploration(exploration)
{
    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    // The editing controls (attribute vector, conditions) come first: on a small screen they stay
    // in view and the long column of latent sliders scrolls.
    layout->addWidget(buildAttributeBox());
    layout->addWidget(buildConditionBox());
    layout->addWidget(buildLatentBox());
    layout->addStretch(1);
    setWidget(panel);
    setWidgetResizable(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding); // its width is its hint's: the images take the rest

    connect(&m_exploration, &Exploration::modelChanged, this, &PointControls::showModel);
    connect(&m_exploration, &Exploration::basisChanged, this, &PointControls::showBasis);
    connect(&m_exploration, &Exploration::pointChanged, this, &PointControls::showPoint);
    connect(&m_exploration, &Exploration::attributeChanged, this, &PointControls::showAttributeChoices);
}

QSize PointControls::minimumSizeHint() const
{
    const int content = widget()->minimumSizeHint().width() + verticalScrollBar()->sizeHint().width() + 2 * frameWidth();
    return {std::max(300, content), 70};
}

QSize PointControls::sizeHint() const { return {minimumSizeHint().width(), QScrollArea::sizeHint().height()}; }

bool PointControls::eventFilter(QObject* watched, QEvent* event)
{
    // New sliders (another model) or a larger font change the width the controls need: the
    // window's layout must ask again.
    if (watched == widget() && event->type() == QEvent::LayoutRequest)
        updateGeometry();
    return QScrollArea::eventFilter(watched, event);
}

QWidget* PointControls::buildAttributeBox()
{
    auto* box = new QGroupBox(tr("Attribute vector"));
    box->setToolTip(tr("Mean code of the test images with the attribute minus the mean of those without: "
                       "adding it moves the point toward the attribute"));
    auto* attributeLayout = new QVBoxLayout(box);
    m_attribute = new QComboBox;
    m_amount = new QSlider(Qt::Horizontal);
    m_amount->setObjectName(QStringLiteral("attributeAmount"));
    m_amount->setRange(-3 * ExplorePoint::kAmountSteps, 3 * ExplorePoint::kAmountSteps);
    m_amountLabel = new QLabel(QStringLiteral("+0.00"));
    auto* amountRow = new QHBoxLayout;
    amountRow->addWidget(new QLabel(tr("amount")));
    amountRow->addWidget(m_amount, 1);
    amountRow->addWidget(m_amountLabel);
    attributeLayout->addWidget(m_attribute);
    attributeLayout->addLayout(amountRow);
    ExplorePoint& point = m_exploration.point();
    connect(m_attribute, &QComboBox::currentIndexChanged, &point, &ExplorePoint::setAttribute);
    connect(m_amount, &QSlider::valueChanged, &point, [&point](int v) { point.setAmount(float(v) / ExplorePoint::kAmountSteps); });
    return box;
}

QWidget* PointControls::buildConditionBox()
{
    m_conditionBox = new QGroupBox(tr("Condition"));
    m_conditionBox->setToolTip(tr("The values the conditional model is asked to show: 0 = without, 1 = with; beyond 1 exaggerates"));
    auto* conditionLayout = new QVBoxLayout(m_conditionBox);
    m_conditionSliders = new SliderPanel;
    conditionLayout->addWidget(m_conditionSliders);
    ExplorePoint& point = m_exploration.point();
    connect(m_conditionSliders, &SliderPanel::valueChanged, &point, [&point](int i, double v) { point.setConditionValue(i, float(v)); });
    return m_conditionBox;
}

QWidget* PointControls::buildLatentBox()
{
    auto* latentBox = new QGroupBox(tr("Latent"));
    auto* latentLayout = new QVBoxLayout(latentBox);
    m_latentTitle = new QLabel;
    m_latentTitle->setWordWrap(true);
    m_latentSliders = new SliderPanel;
    m_showAll = new QCheckBox(tr("show all dimensions"));
    m_showAll->setObjectName(QStringLiteral("showAllDimensions"));
    m_showAll->setToolTip(tr("One slider per latent dimension instead of the top principal directions"));
    auto* reset = new QPushButton(tr("Reset"));
    reset->setToolTip(tr("Back to the mean code"));
    auto* randomize = new QPushButton(tr("Randomize"));
    randomize->setToolTip(tr("Random slider settings (each a standard normal draw)"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(reset);
    buttons->addWidget(randomize);
    latentLayout->addWidget(m_latentTitle);
    latentLayout->addWidget(m_latentSliders);
    latentLayout->addWidget(m_showAll);
    latentLayout->addLayout(buttons);
    ExplorePoint& point = m_exploration.point();
    connect(m_latentSliders, &SliderPanel::valueChanged, &point, [&point](int axis, double v) { point.setCoordinate(axis, float(v)); });
    connect(m_showAll, &QCheckBox::toggled, &point, &ExplorePoint::setShowAllDimensions);
    connect(reset, &QPushButton::clicked, &point, &ExplorePoint::reset);
    connect(randomize, &QPushButton::clicked, &point, &ExplorePoint::randomize);
    return latentBox;
}

void PointControls::showModel(bool reshaped)
{
    if (!reshaped)
        return;
    const ModelInfo& mi = m_exploration.model().info();
    QStringList names, tips;
    for (const auto& n : mi.conditionNames) {
        names << QString::fromStdString(n);
        tips << (mi.conditionFromLabels ? tr("Weight of class %1 (one-hot in training)") : tr("%1: 0 = without, 1 = with"))
                    .arg(QString::fromStdString(n));
    }
    m_conditionSliders->setSliders(names, mi.conditionFromLabels ? 0.0 : -1.0, 2.0, tips);
    m_conditionBox->setVisible(mi.conditional());
    m_showAll->setVisible(mi.latentDim() > ExplorePoint::kDimensionSliderLimit);
    const QSignalBlocker block(m_showAll);
    m_showAll->setChecked(m_exploration.point().showAllDimensions());
}

void PointControls::showBasis()
{
    const ExplorePoint& point = m_exploration.point();
    const LatentBasis& basis = point.basis();
    const int k = point.latentDim();
    m_latentTitle->setText(point.principal() ? tr("Top %1 principal directions of the encoded test images (of %2 dimensions), "
                                                  "in standard deviations")
                                                   .arg(basis.count())
                                                   .arg(k)
                                             : tr("%1 latent dimensions, in standard deviations of the encoded test images").arg(k));
    QStringList names;
    for (int i = 0; i < basis.count(); ++i)
        names << (point.principal() ? tr("PC %1") : tr("z %1")).arg(i + 1);
    if (names != m_latentSliders->names())
        m_latentSliders->setSliders(names, -3.0, 3.0);
    m_latentSliders->setValues(point.coordinates());
}

void PointControls::showPoint()
{
    const ExplorePoint& point = m_exploration.point();
    m_latentSliders->setValues(point.coordinates());
    m_conditionSliders->setValues(point.condition());
    {
        const QSignalBlocker block(m_amount);
        m_amount->setValue(int(std::lround(point.amount() * ExplorePoint::kAmountSteps)));
    }
    m_amountLabel->setText(QString::asprintf("%+.2f", double(point.amount())));
}

void PointControls::showAttributeChoices()
{
    const ExplorePoint& point = m_exploration.point();
    QStringList now;
    for (int i = 0; i < m_attribute->count(); ++i)
        now << m_attribute->itemText(i);
    const QSignalBlocker block(m_attribute);
    if (now != point.attributeChoices()) {
        m_attribute->clear();
        m_attribute->addItems(point.attributeChoices());
    }
    m_attribute->setCurrentIndex(point.attribute());
    m_amount->setEnabled(point.hasAttributeVector());
}

} // namespace latentlab::ui
