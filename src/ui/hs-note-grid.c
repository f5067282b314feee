#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hs-note-card.h"
#include "hs-note-grid.h"

/* Ask for the next page while the rest of the grid is shorter than this
 * many screens: the page arrives before the person reaches the end. */
#define LOAD_AHEAD_SCREENS 1.5
/* Narrowest card: one column at 360 px, as many as fit above. */
#define CARD_MIN_WIDTH 170
#define MAX_CHIPS 8
/* Frames to wait for the focused card to exist; after the first few, it is
 * scrolled to. */
#define MAX_FOCUS_ATTEMPTS    30
#define SETTLE_FOCUS_ATTEMPTS 10

struct _HsNoteGrid
{
  GtkWidget         parent_instance;

  HsSearchResults  *results;
  HsMediaLoader    *loader;
  GtkNoSelection   *selection;
  GSignalGroup     *results_signals;
  double            pending_scroll;   /* restore once the grid is that tall; < 0: none */
  guint             check_source;
  gboolean          check_scrolled;   /* the check is for a scroll */
  gint64            settled_frame;    /* before this frame, the geometry is GTK's estimate */
  gboolean          focus_pending;    /* the cards take the keyboard once there are some */
  guint             focus_attempts;
  guint             focus_tick;       /* on the grid view */

  GtkWidget        *box;
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkWidget        *chips_scroller;
  GtkWidget        *chips;
  GtkRevealer      *notice_revealer;
  GtkLabel         *notice_label;
  GtkWidget        *notice_button;
  GtkStack         *content_stack;
  GtkScrolledWindow *scroller;
  GtkGridView      *grid_view;
  AdwStatusPage    *empty_page;
  AdwStatusPage    *unsupported_page;
  GtkRevealer      *footer_revealer;
  GtkSpinner       *footer_spinner;
  GtkLabel         *footer_label;
  GtkWidget        *retry_button;
  GtkWidget        *header;
  GHashTable       *saved_ids;        /* nullable: ids that get the saved badge */
  char             *empty_description; /* nullable: instead of "Nothing matches" */
  char             *empty_title;       /* nullable: instead of "No Notes Found" */
  char             *empty_icon;
};

G_DEFINE_FINAL_TYPE (HsNoteGrid, hs_note_grid, GTK_TYPE_WIDGET)

enum {
  ACTIVATE_NOTE,
  SAVED_IDS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_footer (HsNoteGrid *self)
{
  HsSearchResults *results = self->results;
  const GError *error;
  guint waiting;
  guint n_items;
  g_autofree char *text = NULL;
  gboolean loading;

  if (results == NULL)
    {
      gtk_revealer_set_reveal_child (self->footer_revealer, FALSE);
      return;
    }

  error = hs_search_results_get_error (results);
  waiting = hs_search_results_get_waiting_seconds (results);
  loading = hs_search_results_get_loading (results);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (results));

  if (waiting > 0)
    /* TRANSLATORS: the server asked us to slow down; %u is seconds */
    text = g_strdup_printf (ngettext ("Too many requests. Trying again in %u second…",
                                      "Too many requests. Trying again in %u seconds…",
                                      waiting), waiting);
  else if (loading)
    text = g_strdup (_("Loading…"));
  else if (error != NULL)
    text = g_strdup (error->message);
  else if (!hs_search_results_get_has_more (results) && n_items > 0)
    /* All of them are in: their count stays true wherever the grid is
     * scrolled, where "No more notes" read wrong above cards still below. */
    text = g_strdup_printf (ngettext ("%u note", "%u notes", n_items), n_items);

  gtk_label_set_text (self->footer_label, text != NULL ? text : "");
  gtk_spinner_set_spinning (self->footer_spinner, loading || waiting > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->footer_spinner), loading || waiting > 0);
  gtk_widget_set_visible (self->retry_button, error != NULL && !loading);
  gtk_revealer_set_reveal_child (self->footer_revealer, text != NULL);

  if (n_items == 0 && !loading && waiting == 0 && error == NULL &&
      !hs_search_results_get_has_more (results))
    {
      g_autofree char *description = NULL;

      if (self->empty_description != NULL)
        description = g_strdup (self->empty_description);
      else
        /* TRANSLATORS: %s is what the person searched for */
        description = g_strdup_printf (_("Nothing matches “%s”. Try another word, or fewer of them."),
                                       hs_search_results_get_query (results));
      adw_status_page_set_description (self->empty_page, description);
      if (self->empty_title != NULL)
        adw_status_page_set_title (self->empty_page, self->empty_title);
      if (self->empty_icon != NULL)
        adw_status_page_set_icon_name (self->empty_page, self->empty_icon);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->content_stack, "grid");
}

static void
rebuild_chips (HsNoteGrid *self)
{
  g_auto(GStrv) tags = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->chips)) != NULL)
    gtk_box_remove (GTK_BOX (self->chips), child);

  if (self->results != NULL)
    tags = hs_search_results_dup_top_tags (self->results, MAX_CHIPS);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *label = g_strdup_printf ("#%s", tags[i]);
      g_autofree char *tooltip = NULL;
      GtkWidget *chip = gtk_button_new_with_label (label);

      /* TRANSLATORS: %s is a tag */
      tooltip = g_strdup_printf (_("Search the tag “%s”"), tags[i]);
      gtk_widget_set_tooltip_text (chip, tooltip);
      gtk_widget_add_css_class (chip, "tag-chip");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (chip), "s", tags[i]);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (chip), "win.search-tag");
      gtk_box_append (GTK_BOX (self->chips), chip);
    }
  gtk_widget_set_visible (self->chips_scroller, tags != NULL && tags[0] != NULL);
}

/* @scrolled: the person moved the grid; otherwise only its size or its
 * results changed, and only a grid too short to fill the view (and a bit
 * ahead) asks for more: after Back, say, the grid comes back at its place
 * without a request. */
static void
check_load_more (HsNoteGrid *self,
                 gboolean    scrolled)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);

  if (self->results == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->grid_view)))
    return;

  /* Restoring a scroll position comes first: the grid grows to it from
   * the pages already loaded, without a request. */
  if (self->pending_scroll >= 0)
    {
      if (upper - page >= self->pending_scroll)
        {
          gtk_adjustment_set_value (adjustment, self->pending_scroll);
          self->pending_scroll = -1;
        }
      return;
    }

  if (page <= 0)
    return;
  /* Coming back (Back), the grid view first lays out rows it estimates,
   * and scrolls through them to its anchor: that is not the person
   * nearing the end. */
  if (self->settled_frame > 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->grid_view));

      if (clock != NULL && gdk_frame_clock_get_frame_counter (clock) < self->settled_frame)
        return;
      self->settled_frame = 0;
    }
  if (scrolled ? upper - (value + page) < page * LOAD_AHEAD_SCREENS
               : upper < page * (1 + LOAD_AHEAD_SCREENS))
    hs_search_results_load_more (self->results);
}

/* The keyboard reached one of the last rows (End, Page Down, the arrows): the next
 * page loads as if the person had scrolled there. The grid view usually scrolls to
 * the focused card, which checks too, but not when it cannot scroll yet (the rows
 * of a page that just came are not laid out). */
static void
key_released_cb (HsNoteGrid *self)
{
  GtkWidget *grid_view = GTK_WIDGET (self->grid_view);
  GtkRoot *root = gtk_widget_get_root (grid_view);
  GtkWidget *child = root != NULL ? gtk_root_get_focus (root) : NULL;
  GListModel *model = G_LIST_MODEL (self->results);
  guint n_items, last_rows;
  GtkWidget *card;

  while (child != NULL && gtk_widget_get_parent (child) != grid_view)
    child = gtk_widget_get_parent (child);
  card = child != NULL ? gtk_widget_get_first_child (child) : NULL;
  if (model == NULL || !HS_IS_NOTE_CARD (card))
    return;

  n_items = g_list_model_get_n_items (model);
  last_rows = 2 * gtk_grid_view_get_max_columns (self->grid_view);
  for (guint i = n_items; i > 0 && n_items - i < last_rows; i--)
    {
      g_autoptr(HsNote) note = g_list_model_get_item (model, i - 1);

      if (note == hs_note_card_get_note (HS_NOTE_CARD (card)))
        {
          hs_search_results_load_more (self->results);
          return;
        }
    }
}

static gboolean focus_tick_cb (GtkWidget     *widget,
                               GdkFrameClock *clock,
                               gpointer       user_data);

/* Which card had the keyboard in @results: kept with them, for Back. */
#define FOCUS_POSITION_KEY "hs-note-grid-focus-position"

static guint
get_focus_position (HsSearchResults *results)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (results), FOCUS_POSITION_KEY));
}

/* The grid view's child showing item @position, NULL if it has none now. */
static GtkWidget *
child_for_position (HsNoteGrid *self,
                    guint       position)
{
  g_autoptr(HsNote) note = g_list_model_get_item (G_LIST_MODEL (self->results), position);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->grid_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_widget_get_first_child (child);

      /* By identity: results may hold the same note twice. */
      if (note != NULL && HS_IS_NOTE_CARD (card) && hs_note_card_get_note (HS_NOTE_CARD (card)) == note &&
          gtk_widget_get_child_visible (child))
        return child;
    }
  return NULL;
}

/* After a layout, so that the cards exist: the card that had the keyboard in these
 * results (the first of new results, the one opened before Back) takes it. */
static void
focus_cards (HsNoteGrid *self)
{
  GtkWidget *child;
  guint position;

  if (!self->focus_pending || self->results == NULL ||
      g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->grid_view)))
    return;

  position = MIN (get_focus_position (self->results),
                  g_list_model_get_n_items (G_LIST_MODEL (self->results)) - 1);
  child = child_for_position (self, position);
  if (child != NULL && gtk_widget_grab_focus (child))
    {
      self->focus_pending = FALSE;
      return;
    }

  /* The card may not exist yet: after Back the grid view lays out estimated rows
   * first and the scroll position is being restored, and a later frame has the card
   * where it was. Only a card that still is not there after that is brought into
   * view (scrolling earlier would move the restored position). */
  if (++self->focus_attempts >= MAX_FOCUS_ATTEMPTS)
    {
      self->focus_pending = FALSE;
      return;
    }
  if (self->focus_attempts > SETTLE_FOCUS_ATTEMPTS && self->pending_scroll < 0)
    gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u", position);
  if (self->focus_tick == 0)
    self->focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->grid_view), focus_tick_cb, self, NULL);
}

/* The next frame: the previous one laid the rows out. */
static gboolean
focus_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  HsNoteGrid *self = user_data;

  self->focus_tick = 0;
  focus_cards (self);
  return G_SOURCE_REMOVE;
}

static gboolean
check_load_more_cb (gpointer user_data)
{
  HsNoteGrid *self = user_data;

  self->check_source = 0;
  focus_cards (self);
  check_load_more (self, self->check_scrolled);
  self->check_scrolled = FALSE;
  return G_SOURCE_REMOVE;
}

/* The adjustment moved or has its new size: its numbers are fresh, so
 * check right after this notification. At the default priority, because
 * a lower one starves while frames keep coming (a long scroll), and the
 * next page would never be asked for. */
static void
queue_check (HsNoteGrid *self,
             gboolean    scrolled)
{
  self->check_scrolled |= scrolled;
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_idle_add_full (G_PRIORITY_DEFAULT, check_load_more_cb, self, NULL);
}

static void
value_changed_cb (HsNoteGrid *self)
{
  queue_check (self, TRUE);
}

static void
size_changed_cb (HsNoteGrid *self)
{
  queue_check (self, FALSE);
}

/* The results changed: their cards are not laid out yet, and the
 * adjustment still has the old height (it would ask for page after page).
 * Check once the frame is done; a new height checks sooner (above). */
static void
queue_check_after_layout (HsNoteGrid *self)
{
  if (self->check_source == 0)
    self->check_source = g_idle_add_full (G_PRIORITY_LOW, check_load_more_cb, self, NULL);
}

static void
results_changed_cb (HsNoteGrid *self)
{
  update_footer (self);
  queue_check_after_layout (self);
}

static void
top_tags_changed_cb (HsNoteGrid *self)
{
  rebuild_chips (self);
}

static void
retry_clicked_cb (HsNoteGrid *self)
{
  if (self->results != NULL)
    hs_search_results_retry (self->results);
}

/* The saved badge of @card: its note's id among the saved ones. */
static void
update_card_saved (HsNoteGrid *self,
                   HsNoteCard *card)
{
  HsNote *note = hs_note_card_get_note (card);

  hs_note_card_set_saved (card, note != NULL && self->saved_ids != NULL &&
                                g_hash_table_contains (self->saved_ids, hs_note_get_note_id (note)));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          HsNoteGrid               *self)
{
  GtkWidget *card = hs_note_card_new ();

  gtk_widget_set_size_request (card, CARD_MIN_WIDTH, -1);
  gtk_list_item_set_child (item, card);
  /* Each card follows the saved ids for as long as it lives. */
  g_signal_connect_object (self, "saved-ids-changed", G_CALLBACK (update_card_saved), card, 0);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         HsNoteGrid               *self)
{
  HsNoteCard *card = HS_NOTE_CARD (gtk_list_item_get_child (item));
  HsNote *note = gtk_list_item_get_item (item);

  hs_note_card_set_note (card, note, self->loader);
  update_card_saved (self, card);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           HsNoteGrid               *self)
{
  /* Far away from the view: its cover goes, the cache keeps a few. */
  hs_note_card_set_note (HS_NOTE_CARD (gtk_list_item_get_child (item)), NULL, NULL);
}

static void
activate_cb (GtkGridView *grid_view,
             guint        position,
             HsNoteGrid  *self)
{
  g_autoptr(HsNote) note = NULL;

  if (self->results == NULL)
    return;
  g_object_set_data (G_OBJECT (self->results), FOCUS_POSITION_KEY, GUINT_TO_POINTER (position));
  note = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  if (note != NULL)
    g_signal_emit (self, signals[ACTIVATE_NOTE], 0, note);
}

static void
hs_note_grid_dispose (GObject *object)
{
  HsNoteGrid *self = (HsNoteGrid *)object;

  if (self->focus_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->grid_view), self->focus_tick);
  self->focus_tick = 0;
  if (self->results_signals != NULL)
    g_signal_group_set_target (self->results_signals, NULL);
  g_clear_object (&self->results_signals);
  /* The adjustment moves while the grid view lets go of its model below, and its
   * handlers would queue a check on a grid about to be freed. */
  if (self->scroller != NULL)
    g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_vadjustment (self->scroller), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_NOTE_GRID);
  /* After the template: whatever its disposal queued goes too. */
  g_clear_handle_id (&self->check_source, g_source_remove);

  g_clear_object (&self->selection);
  g_clear_object (&self->results);
  g_clear_object (&self->loader);
  g_clear_pointer (&self->saved_ids, g_hash_table_unref);
  g_clear_pointer (&self->empty_description, g_free);
  g_clear_pointer (&self->empty_title, g_free);
  g_clear_pointer (&self->empty_icon, g_free);

  G_OBJECT_CLASS (hs_note_grid_parent_class)->dispose (object);
}

static void
hs_note_grid_class_init (HsNoteGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_note_grid_dispose;

  /* The saved ids changed: the cards update their badges. */
  signals[SAVED_IDS_CHANGED] =
    g_signal_new ("saved-ids-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ACTIVATE_NOTE] =
    g_signal_new ("activate-note",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HS_TYPE_NOTE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongshu/Hongshu/hs-note-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, box);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, title_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, chips_scroller);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, chips);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, notice_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, notice_button);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, scroller);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, grid_view);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, empty_page);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, unsupported_page);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, footer_revealer);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, footer_spinner);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, footer_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, retry_button);
  gtk_widget_class_bind_template_child (widget_class, HsNoteGrid, header);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
hs_note_grid_init (HsNoteGrid *self)
{
  GtkListItemFactory *factory;
  GtkAdjustment *adjustment;

  self->pending_scroll = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cb), self, 0);
  gtk_grid_view_set_factory (self->grid_view, factory);
  g_object_unref (factory);
  g_signal_connect_object (self->grid_view, "activate", G_CALLBACK (activate_cb), self, 0);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_object (keys, "key-released", G_CALLBACK (key_released_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->grid_view), keys);
  }

  self->results_signals = g_signal_group_new (HS_TYPE_SEARCH_RESULTS);
  g_signal_group_connect_swapped (self->results_signals, "notify::loading", G_CALLBACK (results_changed_cb), self);
  g_signal_group_connect_swapped (self->results_signals, "notify::error", G_CALLBACK (results_changed_cb), self);
  g_signal_group_connect_swapped (self->results_signals, "notify::has-more", G_CALLBACK (results_changed_cb), self);
  g_signal_group_connect_swapped (self->results_signals, "notify::waiting-seconds", G_CALLBACK (results_changed_cb), self);
  g_signal_group_connect_swapped (self->results_signals, "notify::top-tags", G_CALLBACK (top_tags_changed_cb), self);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (value_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (size_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
hs_note_grid_new (void)
{
  return g_object_new (HS_TYPE_NOTE_GRID, NULL);
}

void
hs_note_grid_set_media_loader (HsNoteGrid    *self,
                               HsMediaLoader *loader)
{
  g_return_if_fail (HS_IS_NOTE_GRID (self));

  g_set_object (&self->loader, loader);
}

static void
show_header (HsNoteGrid *self,
             const char *query,
             gboolean    is_tag)
{
  g_autofree char *title = NULL;

  if (is_tag)
    title = g_strdup_printf ("#%s", query);
  else
    /* TRANSLATORS: the heading of a keyword search; %s is the keyword */
    title = g_strdup_printf (_("“%s”"), query);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, is_tag ? _("Tag") : _("Keyword search"));
}

void
hs_note_grid_set_results (HsNoteGrid      *self,
                          HsSearchResults *results,
                          double           scroll)
{
  g_return_if_fail (HS_IS_NOTE_GRID (self));
  g_return_if_fail (HS_IS_SEARCH_RESULTS (results));

  if (self->results == results)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->grid_view));

      /* Shown again (Back): let it settle for a few frames first. */
      self->settled_frame = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) + 3 : 0;
      update_footer (self);
      queue_check_after_layout (self);
      return;
    }

  /* To the top while the old model is still there: GTK 4.8's grid view
   * cannot map an old scroll offset onto a new, shorter model ("failed to
   * scroll to given position"). */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  g_set_object (&self->results, results);
  g_signal_group_set_target (self->results_signals, results);
  g_clear_object (&self->selection);
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (results)));
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->selection));

  show_header (self, hs_search_results_get_query (results), hs_search_results_get_is_tag (results));
  rebuild_chips (self);

  self->pending_scroll = scroll > 0 ? scroll : -1;
  update_footer (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (results)) == 0)
    hs_search_results_load_more (results);
  queue_check_after_layout (self);
}

HsSearchResults *
hs_note_grid_get_results (HsNoteGrid *self)
{
  g_return_val_if_fail (HS_IS_NOTE_GRID (self), NULL);
  return self->results;
}

double
hs_note_grid_get_scroll (HsNoteGrid *self)
{
  g_return_val_if_fail (HS_IS_NOTE_GRID (self), 0);
  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));
}

void
hs_note_grid_show_unsupported (HsNoteGrid *self,
                               const char *query,
                               gboolean    is_tag,
                               const char *explanation)
{
  g_return_if_fail (HS_IS_NOTE_GRID (self));

  g_signal_group_set_target (self->results_signals, NULL);
  g_clear_object (&self->results);
  gtk_grid_view_set_model (self->grid_view, NULL);
  g_clear_object (&self->selection);

  show_header (self, query, is_tag);
  rebuild_chips (self);
  adw_status_page_set_description (self->unsupported_page, explanation);
  gtk_stack_set_visible_child_name (self->content_stack, "unsupported");
  update_footer (self);
}

GtkWidget *
hs_note_grid_get_grid_view (HsNoteGrid *self)
{
  g_return_val_if_fail (HS_IS_NOTE_GRID (self), NULL);
  return GTK_WIDGET (self->grid_view);
}

GtkAdjustment *
hs_note_grid_get_vadjustment (HsNoteGrid *self)
{
  g_return_val_if_fail (HS_IS_NOTE_GRID (self), NULL);
  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

const char *
hs_note_grid_get_footer_text (HsNoteGrid *self)
{
  g_return_val_if_fail (HS_IS_NOTE_GRID (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->footer_revealer))
    return NULL;
  return gtk_label_get_text (self->footer_label);
}

GtkWidget *
hs_note_grid_get_chips (HsNoteGrid *self)
{
  g_return_val_if_fail (HS_IS_NOTE_GRID (self), NULL);
  return self->chips;
}

const char *
hs_note_grid_get_visible_page (HsNoteGrid *self)
{
  g_return_val_if_fail (HS_IS_NOTE_GRID (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

const char *
hs_note_grid_get_title (HsNoteGrid *self)
{
  g_return_val_if_fail (HS_IS_NOTE_GRID (self), NULL);
  return gtk_label_get_text (self->title_label);
}

const char *
hs_note_grid_get_subtitle (HsNoteGrid *self)
{
  g_return_val_if_fail (HS_IS_NOTE_GRID (self), NULL);
  return gtk_label_get_text (self->subtitle_label);
}

/**
 * hs_note_grid_set_notice:
 * @text: (nullable): what the person should know about these results, NULL for nothing
 * @button_label: (nullable): a button beside it
 * @action_name: (nullable): the button's action
 *
 * A line between the header and the cards, for what the results are not: the window
 * says there that a search ran offline over the library.
 */
void
hs_note_grid_set_notice (HsNoteGrid *self,
                         const char *text,
                         const char *button_label,
                         const char *action_name)
{
  g_return_if_fail (HS_IS_NOTE_GRID (self));

  gtk_label_set_text (self->notice_label, text != NULL ? text : "");
  gtk_button_set_label (GTK_BUTTON (self->notice_button), button_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->notice_button), action_name);
  gtk_widget_set_visible (self->notice_button, text != NULL && button_label != NULL);
  gtk_revealer_set_reveal_child (self->notice_revealer, text != NULL);
}

/* NULL when no notice is shown. */
const char *
hs_note_grid_get_notice (HsNoteGrid *self)
{
  g_return_val_if_fail (HS_IS_NOTE_GRID (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->notice_revealer))
    return NULL;
  return gtk_label_get_text (self->notice_label);
}

GtkWidget *
hs_note_grid_get_notice_button (HsNoteGrid *self)
{
  g_return_val_if_fail (HS_IS_NOTE_GRID (self), NULL);
  return self->notice_button;
}

/**
 * hs_note_grid_focus_cards:
 *
 * Gives the keyboard to the cards as soon as there are some laid out: the first card
 * of new results, or the one focused before (Back), so that the arrow keys walk the
 * grid right after a search from the entry or a tag chip (which the new search
 * replaces).
 */
void
hs_note_grid_focus_cards (HsNoteGrid *self)
{
  g_return_if_fail (HS_IS_NOTE_GRID (self));

  self->focus_pending = TRUE;
  self->focus_attempts = 0;
  queue_check_after_layout (self);
}

void
hs_note_grid_set_header_visible (HsNoteGrid *self,
                                 gboolean    visible)
{
  g_return_if_fail (HS_IS_NOTE_GRID (self));
  gtk_widget_set_visible (self->header, visible);
}

void
hs_note_grid_set_empty_status (HsNoteGrid *self,
                               const char *icon_name,
                               const char *title,
                               const char *description)
{
  g_return_if_fail (HS_IS_NOTE_GRID (self));

  g_free (self->empty_icon);
  self->empty_icon = g_strdup (icon_name);
  g_free (self->empty_title);
  self->empty_title = g_strdup (title);
  g_free (self->empty_description);
  self->empty_description = g_strdup (description);
  update_footer (self);
}

void
hs_note_grid_set_saved_ids (HsNoteGrid *self,
                            GHashTable *saved_ids)
{
  g_return_if_fail (HS_IS_NOTE_GRID (self));

  if (saved_ids != self->saved_ids)
    {
      g_clear_pointer (&self->saved_ids, g_hash_table_unref);
      self->saved_ids = saved_ids != NULL ? g_hash_table_ref (saved_ids) : NULL;
    }
  g_signal_emit (self, signals[SAVED_IDS_CHANGED], 0);
}
