/** The working group's "Activity" tab: search within the group, import a file, and the activity list. */
import type { WorkspaceView } from '../../../shared/api/workspaces.js';
import { canWriteDocuments } from '../../../shared/roles.js';
import '../features.css';
import { ActivityList } from './ActivityList';
import { ImportButton } from '../transfer/ImportButton';
import { SearchBox } from '../search/SearchBox';

export function WorkspaceResearch(props: { workspace: WorkspaceView }) {
  return (
    <div class="workspace-research">
      <div class="panel-row">
        <SearchBox workspaceId={props.workspace.id} />
        {canWriteDocuments(props.workspace.role) ? <ImportButton workspaceId={props.workspace.id} /> : null}
      </div>
      <ActivityList workspaceId={props.workspace.id} />
    </div>
  );
}
